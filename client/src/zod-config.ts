import { z } from "zod";

// Zod compiles fast parsers with `new Function` unless told not to, and probes for it when each
// object schema is built. Our CSP (`script-src 'self'`) forbids eval, so the probe would raise a
// violation on every page. Imported first by main.tsx, before any module builds a schema.
z.config({ jitless: true });

import type { i18n } from "i18next";
import type { RateLimiter } from "./auth/rate-limiter.ts";
import type { ReplayCache } from "./auth/replay-cache.ts";
import type { DevIdpUser } from "./auth/dev-idp.service.ts";
import type { SamlSettings } from "./auth/saml-settings.ts";
import type { BlobStore } from "./blobs/blob-store.ts";
import type { Config } from "./config.ts";
import type { PdfInspector } from "./documents/pdf-inspector.ts";
import type { Logger } from "./logger.ts";
import type { ClusterBus } from "./redis/cluster-bus.ts";
import type { RedisConnection } from "./redis/redis-connection.ts";
import type { Store } from "./storage/store.ts";

/** A source of the current time; tests inject a controllable one instead of sleeping. */
export type Clock = () => Date;
/** A source of fresh opaque ids. */
export type IdSource = () => string;

/** Every side effect a service or route may use, built once in `main.ts` (STYLE habit 4). */
export type Dependencies = {
  config: Config;
  logger: Logger;
  store: Store;
  blobs: BlobStore;
  clock: Clock;
  ids: IdSource;
  i18n: i18n;
  replayCache: ReplayCache;
  pdfInspector: PdfInspector;
  rateLimiter: RateLimiter;
  saml: SamlSettings;
  /** Users the development IdP offers (the demo users); empty when it is off. */
  devIdpUsers: DevIdpUser[];
  /** Scale-out (REDIS_URL): the connection and the bus between instances; absent for one process. */
  redis?: RedisConnection;
  bus?: ClusterBus;
};

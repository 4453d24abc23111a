import { type ParseArgsConfig, parseArgs } from "node:util";
import { ConfigError } from "../config.ts";
import { OperationError } from "./operation-error.ts";

/** Print lines for the operator on standard output. */
export function say(...lines: string[]): void {
  process.stdout.write(lines.map((line) => `${line}\n`).join(""));
}

/** Parse the command line; anything unexpected is a usage error (exit 2) showing `usage`. */
export function parseCommandLine<T extends ParseArgsConfig>(config: T, usage: string): ReturnType<typeof parseArgs<T>> {
  try {
    return parseArgs(config);
  } catch (error) {
    throw new OperationError(`${error instanceof Error ? error.message : String(error)}\nUsage: ${usage}`, 2);
  }
}

/**
 * Run an operations command: its resolved number is the exit code. A refusal (OperationError) or
 * a bad setting (ConfigError) prints its message alone on standard error; anything else prints
 * its message with the command's name. Exits explicitly, so no forgotten handle can keep a cron
 * job waiting.
 */
export async function runOperation(name: string, work: () => Promise<number>): Promise<never> {
  let code: number;
  try {
    code = await work();
  } catch (error) {
    if (error instanceof OperationError) {
      process.stderr.write(`${error.message}\n`);
      code = error.exitCode;
    } else if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      code = 2;
    } else {
      process.stderr.write(`${name} failed: ${error instanceof Error ? error.message : String(error)}\n`);
      code = 1;
    }
  }
  process.exit(code);
}

import type pg from "pg";

/**
 * Run `work` on one client between BEGIN and COMMIT; ROLLBACK when it throws. While the client is
 * checked out the pool does not listen for its errors, so this does: a connection that drops
 * mid-transaction (a restart, a failover, a killed backend) fails the work instead of the process,
 * and the broken client is destroyed rather than returned to the pool.
 */
export async function withTransaction<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  let broken: Error | undefined;
  const onError = (error: Error) => {
    broken = error;
  };
  client.on("error", onError);
  try {
    await client.query("BEGIN");
    const result = await work(client);
    await client.query("COMMIT");
    return result;
  } catch (error) {
    await client.query("ROLLBACK").catch((rollbackError: Error) => {
      broken ??= rollbackError;
    });
    throw error;
  } finally {
    client.off("error", onError);
    client.release(broken);
  }
}

import pg from 'pg';
import { afterAll, describe } from 'vitest';
import { openMemoryDatabase } from '../../src/database/database.ts';
import { postgresStateStores } from '../../src/store/postgres/state-stores.ts';
import { sqliteStateStores } from '../../src/store/sqlite-state-stores.ts';
import type { StateStoreOptions, StateStores } from '../../src/store/state-stores.ts';
import type { UnitDirectory } from '../../src/units/types.ts';
import { postgresUnavailable, startPostgresCluster, type PostgresCluster } from '../../src/store/postgres/throwaway-cluster.ts';

/** One engine under test: `open` gives the state stores over a fresh, empty, migrated database. */
export interface StoreEngine {
  name: 'sqlite' | 'postgres';
  open(options?: Partial<StateStoreOptions>): Promise<OpenedStores>;
}

/** The stores, and raw SQL on the same database for what a store must refuse (UPDATE of a record). */
export type OpenedStores = StateStores & { exec(sql: string): Promise<unknown>; rows(sql: string): Promise<unknown[]> };

const noUnits: UnitDirectory = { all: () => [], find: () => undefined } as unknown as UnitDirectory;

/**
 * The same suite against SQLite and a real PostgreSQL that this file starts (and stops). Where no
 * PostgreSQL server program is installed the PostgreSQL half is skipped, and says why in its title.
 */
export function describeEachEngine(title: string, suite: (engine: StoreEngine) => void): void {
  describe(`${title} [sqlite]`, () => {
    suite({
      name: 'sqlite',
      async open(options = {}) {
        const db = openMemoryDatabase();
        return { ...sqliteStateStores(db, { units: noUnits, ...options }), exec: async (sql: string) => db.prepare(sql).run(), rows: async (sql: string) => db.prepare(sql).all() };
      },
    });
  });
  if (!postgresUnavailable) registerStop();
  if (postgresUnavailable) {
    describe.skip(`${title} [postgres] — 跳过：${postgresUnavailable}`, () => suite({ name: 'postgres', open: () => Promise.reject(new Error(postgresUnavailable)) }));
    return;
  }
  describe(`${title} [postgres]`, () => {
    const opened: { close(): Promise<void> }[] = [];
    afterAll(async () => {
      await Promise.all(opened.map((stores) => stores.close()));
    });
    suite({
      name: 'postgres',
      async open(options = {}) {
        const url = await (await sharedCluster()).freshSchema();
        const stores = await postgresStateStores(url, { units: noUnits, poolSize: 4, turnPoolSize: 4, ...options });
        const raw = new pg.Client({ connectionString: url });
        await raw.connect();
        opened.push(stores, { close: () => raw.end() });
        return { ...stores, exec: (sql: string) => raw.query(sql), rows: async (sql: string) => (await raw.query(sql)).rows };
      },
    });
  });
}

let cluster: Promise<PostgresCluster> | undefined;

/**
 * One cluster per test file, started by the first suite that needs it; the file-level afterAll
 * registered here stops it after the file's last test.
 */
function sharedCluster(): Promise<PostgresCluster> {
  cluster ??= startPostgresCluster();
  return cluster;
}

let stopRegistered = false;
function registerStop(): void {
  if (stopRegistered) return;
  stopRegistered = true;
  afterAll(async () => {
    const started = cluster;
    cluster = undefined;
    stopRegistered = false;
    if (started) await (await started).stop();
  });
}

/**
 * A fresh schema on this file's shared cluster, for tests that open their own connections (apps,
 * the CLI); the cluster stops after the file's last test.
 */
export async function postgresTestUrl(): Promise<string> {
  if (postgresUnavailable) throw new Error(postgresUnavailable);
  return (await sharedCluster()).freshSchema();
}

/** Call at the top of a file that uses postgresTestUrl(), so the cluster is stopped at its end. */
export function usePostgresCluster(): string | undefined {
  if (!postgresUnavailable) registerStop();
  return postgresUnavailable;
}

import { Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import pg from 'pg';
import { DataSource } from 'typeorm';

/** The channel a write transaction that raised the content version notifies (at its commit). */
export const CONTENT_VERSION_CHANNEL = 'netzwerk_content_version';

/** Reconnect delays after a lost listener connection: doubling from the first to the last. */
export const LISTENER_BACKOFF_MS = { first: 250, max: 10_000 } as const;

/** What a ContentVersionReader asks of a listener. */
export interface ContentVersionSignal {
  /** True while LISTEN is in effect on a live connection: a reading stays valid until `generation` moves. */
  readonly live: boolean;
  /** Raised by every notification and every change of the connection (lost, listening again). */
  readonly generation: number;
}

interface PostgresConnectionOptions {
  url?: string;
  host?: string;
  port?: number;
  username?: string;
  password?: unknown;
  database?: unknown;
  ssl?: unknown;
}

/**
 * PostgreSQL: learns of new content versions by LISTEN on a connection of its own (not one of the
 * pool's, which serve queries), so readers need not read the `content_version` row on every request.
 * On a lost connection it reconnects with a growing delay; until LISTEN is in effect again `live` is
 * false and readers read the row on every request, as before. Every state change raises `generation`,
 * so the first request after a reconnect reads the row once (changes made during the gap).
 */
export class ContentVersionListener implements ContentVersionSignal {
  private readonly logger = new Logger('ContentVersionListener');
  private client: pg.Client | null = null;
  private listening = false;
  private closed = false;
  private attempts = 0;
  private timer: NodeJS.Timeout | null = null;
  private counter = 0;
  /** The server process of the listening connection (for operators and tests); null while not listening. */
  backendPid: number | null = null;

  constructor(private readonly newClient: () => pg.Client) {}

  get live(): boolean {
    return this.listening;
  }

  get generation(): number {
    return this.counter;
  }

  /** Connects and listens; resolves after the first attempt whether it succeeded or not (it keeps retrying). */
  start(): Promise<void> {
    return this.open();
  }

  private async open(): Promise<void> {
    if (this.closed) return;
    const client = this.newClient();
    this.client = client;
    client.on('notification', (message) => {
      if (message.channel === CONTENT_VERSION_CHANNEL) this.counter++;
    });
    client.on('error', (err) => this.lost(client, err));
    client.on('end', () => this.lost(client));
    try {
      await client.connect();
      const pid = await client.query<{ pid: number }>(`SELECT pg_backend_pid() AS pid`);
      await client.query(`LISTEN ${CONTENT_VERSION_CHANNEL}`);
      if (this.client !== client) return; // closed or lost meanwhile
      if (this.attempts > 0) this.logger.log('Wieder verbunden: Inhaltsänderungen werden wieder gemeldet.');
      this.attempts = 0;
      this.backendPid = pid.rows[0]?.pid ?? null;
      this.listening = true;
      this.counter++;
    } catch (err) {
      this.lost(client, err);
    }
  }

  private lost(client: pg.Client, err?: unknown): void {
    if (this.client !== client) return;
    this.client = null;
    this.backendPid = null;
    if (this.listening) {
      this.logger.warn(`Verbindung für Inhaltsänderungen verloren (${err instanceof Error ? err.message : 'beendet'}); bis zur neuen Verbindung wird die Version bei jeder Anfrage gelesen.`);
    }
    this.listening = false;
    this.counter++;
    client.end().catch(() => undefined);
    if (this.closed) return;
    const delay = Math.min(LISTENER_BACKOFF_MS.max, LISTENER_BACKOFF_MS.first * 2 ** this.attempts);
    this.attempts++;
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.open();
    }, delay);
  }

  /** Ends the connection for good (app shutdown). */
  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const client = this.client;
    this.client = null;
    this.backendPid = null;
    this.listening = false;
    this.counter++;
    if (client) await client.end().catch(() => undefined);
  }
}

/** The listener of each DataSource (readers are built with `new`, all over the app; they share one). */
const listeners = new WeakMap<DataSource, ContentVersionListener>();

/** The listener for a DataSource, if the app started one (PostgreSQL only). */
export function contentVersionSignalOf(dataSource: DataSource): ContentVersionSignal | null {
  return listeners.get(dataSource) ?? null;
}

function clientFor(dataSource: DataSource): pg.Client {
  const o = dataSource.options as PostgresConnectionOptions;
  return new pg.Client({
    connectionString: o.url,
    host: o.host,
    port: o.port,
    user: o.username,
    password: typeof o.password === 'string' ? o.password : undefined,
    database: typeof o.database === 'string' ? o.database : undefined,
    ssl: o.ssl as pg.ClientConfig['ssl'],
    application_name: 'netzwerk-content-version',
    // a dead peer is noticed (keep-alive) and an unreachable server never holds up the start
    keepAlive: true,
    connectionTimeoutMillis: 5_000,
  });
}

/**
 * Starts the app's listener at bootstrap (PostgreSQL only; SQLite has one process writing) and ends
 * it with the app.
 */
@Injectable()
export class ContentVersionListeners implements OnApplicationBootstrap, OnModuleDestroy {
  private own: ContentVersionListener | null = null;

  constructor(private readonly dataSource: DataSource) {}

  /** The app's listener; null on SQLite. */
  get listener(): ContentVersionListener | null {
    return this.own;
  }

  async onApplicationBootstrap(): Promise<void> {
    if (this.dataSource.options.type !== 'postgres' || listeners.has(this.dataSource)) return;
    const listener = new ContentVersionListener(() => clientFor(this.dataSource));
    this.own = listener;
    listeners.set(this.dataSource, listener);
    await listener.start();
  }

  async onModuleDestroy(): Promise<void> {
    const listener = this.own;
    if (!listener) return;
    this.own = null;
    listeners.delete(this.dataSource);
    await listener.close();
  }
}

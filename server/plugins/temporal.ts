/**
 * The Temporal client as `app.temporal` (with `app.taskQueue`, the queue the server's schedules and
 * signals name; undefined = the default). The plugin connects from temporal.config.ts's settings and
 * closes the connection when the app closes; a client handed in stays its owner's.
 */
import type { Client } from '@temporalio/client';
import fp from 'fastify-plugin';
import type { TemporalConnectionConfig } from '../../temporal.config';
import { connectTemporalClient } from '../temporal/client';

declare module 'fastify' {
  interface FastifyInstance {
    temporal: Client;
    /** Task queue override (tests run their own worker queue); undefined = the default queue. */
    taskQueue: string | undefined;
  }
}

export interface TemporalPluginOptions {
  connection: TemporalConnectionConfig;
  /** A connected client to use instead (not closed by the app). */
  client?: Client;
  taskQueue?: string;
}

export default fp<TemporalPluginOptions>(
  async (app, opts) => {
    app.decorate('taskQueue', opts.taskQueue);
    if (opts.client) {
      app.decorate('temporal', opts.client);
      return;
    }
    const temporal = await connectTemporalClient(opts.connection);
    app.decorate('temporal', temporal.client);
    app.addHook('onClose', async () => temporal.close());
  },
  { name: 'zjc-temporal' },
);

/**
 * Pino logger options with secret redaction. Fastify's request serializer logs no headers, but
 * anything we log ourselves (errors, bodies) passes through these paths first.
 */
import pino, { type DestinationStream, type Logger, type LoggerOptions } from 'pino';

const SECRET_KEYS = [
  'authorization',
  'Authorization',
  'x-forge-oauth-system',
  'x-forge-oauth-user',
  'x-hub-signature',
  'clientSecret',
  'client_secret',
  'code',
  'refreshToken',
  'refresh_token',
  'accessToken',
  'access_token',
  'token',
  'systemToken',
  'password',
  'secret',
  'cookie',
];

export const REDACT_PATHS: string[] = [
  ...SECRET_KEYS.filter((k) => /^[A-Za-z_]+$/.test(k)),
  ...SECRET_KEYS.map((k) => `req.headers["${k}"]`),
  ...SECRET_KEYS.map((k) => `headers["${k}"]`),
  ...SECRET_KEYS.map((k) => `body["${k}"]`),
  ...SECRET_KEYS.map((k) => `*["${k}"]`),
  ...SECRET_KEYS.map((k) => `*.*["${k}"]`),
];

export function loggerOptions(level: string): LoggerOptions {
  return {
    level,
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    base: { service: 'zjc-server' },
  };
}

/**
 * The server's logger: JSON lines, or with `pretty` (LOG_PRETTY=true, set by `npm run dev`) readable
 * lines through pino-pretty, a devDependency loaded only then (in a pino transport worker).
 */
export function createLogger(level: string, destination?: DestinationStream, pretty = false): Logger {
  if (destination) return pino(loggerOptions(level), destination);
  if (pretty) {
    return pino({
      ...loggerOptions(level),
      transport: {
        target: 'pino-pretty',
        options: { translateTime: 'HH:MM:ss.l', ignore: 'pid,hostname,service', singleLine: true },
      },
    });
  }
  return pino(loggerOptions(level));
}

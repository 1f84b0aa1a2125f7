/**
 * The small logging port the local runtime pieces (queue, scheduler, outbox, embedded store) take, so tests can
 * capture what a developer would see on the console and the runtime can pass a Powertools Logger instead.
 */
export interface LocalLogger {
  info(message: string, ...details: unknown[]): void;
  warn(message: string, ...details: unknown[]): void;
  error(message: string, ...details: unknown[]): void;
}

export const consoleLogger: LocalLogger = {
  info: (message, ...details) => console.log(message, ...details),
  warn: (message, ...details) => console.warn(message, ...details),
  error: (message, ...details) => console.error(message, ...details),
};

/** For tests and quiet runs. */
export const silentLogger: LocalLogger = { info: () => {}, warn: () => {}, error: () => {} };

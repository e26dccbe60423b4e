import { activeTraceIds } from './tracing.ts';

/**
 * Structured JSON logs, one object per line, so they can be shipped and queried as-is.
 * Deliberately tiny: the services log little, and every line must be safe (no secrets).
 */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';
const LEVELS: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 };

export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
  child(fields: Record<string, unknown>): Logger;
}

export type LogSink = (line: string) => void;

export function createLogger(options: { level?: LogLevel; service: string; sink?: LogSink }, bound: Record<string, unknown> = {}): Logger {
  const threshold = LEVELS[options.level ?? 'info'];
  const sink = options.sink ?? ((line: string) => process.stdout.write(line + '\n'));
  const write = (level: Exclude<LogLevel, 'silent'>, message: string, fields?: Record<string, unknown>) => {
    if (LEVELS[level] < threshold) return;
    // With tracing on, every line names the trace and span it was written in (null outside any).
    const ids = activeTraceIds();
    sink(
      JSON.stringify(
        { time: new Date().toISOString(), level, service: options.service, msg: message, ...ids, ...bound, ...fields },
        errorReplacer,
      ),
    );
  };
  return {
    debug: (m, f) => write('debug', m, f),
    info: (m, f) => write('info', m, f),
    warn: (m, f) => write('warn', m, f),
    error: (m, f) => write('error', m, f),
    child: (fields) => createLogger(options, { ...bound, ...fields }),
  };
}

function errorReplacer(_key: string, value: unknown): unknown {
  if (value instanceof Error) return { name: value.name, message: value.message, stack: value.stack };
  return value;
}

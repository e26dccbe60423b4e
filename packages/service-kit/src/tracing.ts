import { createRequire } from 'node:module';
import type { IncomingMessage } from 'node:http';
import {
  context,
  createContextKey,
  propagation,
  ROOT_CONTEXT,
  SpanKind,
  SpanStatusCode,
  trace,
  type Attributes,
  type Context,
  type Link,
  type Span,
} from '@opentelemetry/api';
import type * as OpenTelemetryApi from '@opentelemetry/api';
import type * as SdkTrace from '@opentelemetry/sdk-trace';

/**
 * OpenTelemetry traces, off unless OTEL_EXPORTER_OTLP_ENDPOINT (or OTEL_EXPORTER_OTLP_TRACES_ENDPOINT)
 * is set: then, and only then, the SDK is loaded (a dynamic import), a context manager and the W3C
 * propagator are registered, and the official instrumentations are enabled: http (a span per
 * request a service serves, `traceparent` taken from it), pg (a span per SQL statement on
 * PostgreSQL) and Prisma's own (a span per Prisma operation and per statement it sends, embedded
 * too). Apollo Gateway's spans (request, plan, each fetch of the plan) come from the gateway itself,
 * which traces through the global provider. Off, the helpers below are a property read and a call.
 *
 * One process may run several services (`npm start`, the tests): each span is exported under the
 * resource of the service it belongs to (its own `service.name`), decided when it starts: the
 * service of its parent span in this process, else the service whose port received the request,
 * else the service whose work it is (`inService`), else the process's default.
 */
const SERVICE = createContextKey('fed.service');

/** The OTEL_* variables that configure tracing (the exporter reads OTEL_EXPORTER_OTLP_HEADERS from the process environment itself). */
export const TRACING_ENV = [
  'OTEL_EXPORTER_OTLP_ENDPOINT',
  'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT',
  'OTEL_EXPORTER_OTLP_PROTOCOL',
  'OTEL_EXPORTER_OTLP_TRACES_PROTOCOL',
  'OTEL_EXPORTER_OTLP_HEADERS',
  'OTEL_TRACES_SAMPLER',
  'OTEL_TRACES_SAMPLER_ARG',
  'OTEL_RESOURCE_ATTRIBUTES',
  'OTEL_SDK_DISABLED',
  'OTEL_TRACES_EXPORTER',
  'OTEL_BSP_SCHEDULE_DELAY',
  'OTEL_BSP_MAX_QUEUE_SIZE',
  'OTEL_BSP_MAX_EXPORT_BATCH_SIZE',
] as const;
const SERVICE_ATTRIBUTE = 'fed.service';

interface TracingRuntime {
  servicePorts: Map<number, string>;
  shutdown(): Promise<void>;
  forceFlush(): Promise<void>;
}

let runtime: TracingRuntime | null = null;
let starting: Promise<void> | null = null;

export const tracingEnabled = (): boolean => runtime !== null;

/** Whether this environment asks for traces (the standard variables; OTEL_SDK_DISABLED wins). */
export function tracingRequested(env: Record<string, string | undefined>): boolean {
  if (env.OTEL_SDK_DISABLED === 'true') return false;
  if (env.OTEL_TRACES_EXPORTER === 'none') return false;
  return Boolean(env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT || env.OTEL_EXPORTER_OTLP_ENDPOINT);
}

/** Starts tracing for this process once (later calls are no-ops); `defaultService` names spans no service claims. */
export function startTracing(env: Record<string, string | undefined>, defaultService: string): Promise<void> {
  if (runtime || !tracingRequested(env)) return Promise.resolve();
  starting ??= installTracing(env, defaultService);
  return starting;
}

export async function shutdownTracing(): Promise<void> {
  const current = runtime;
  runtime = null;
  starting = null;
  await current?.shutdown();
}

/** Exports what has ended so far (tests; a process about to exit). */
export async function flushTraces(): Promise<void> {
  await runtime?.forceFlush();
}

/** Tells the router which service a listening port belongs to. */
export function registerServicePort(port: number, service: string): void {
  runtime?.servicePorts.set(port, service);
}

/** Runs fn as work of `service`: spans started in it without a local parent belong to that service. */
export function inService<T>(service: string, fn: () => T): T {
  if (!runtime) return fn();
  return context.with(context.active().setValue(SERVICE, service), fn);
}

/** The W3C trace context of the active span, to carry across the outbox and the event stream. */
export function currentTraceparent(): string | null {
  if (!runtime) return null;
  const carrier: Record<string, string> = {};
  propagation.inject(context.active(), carrier);
  return carrier.traceparent ?? null;
}

/** Adds the active trace context to outgoing headers (the gateway's subgraph fetches). */
export function injectTraceContext(headers: Record<string, string>): void {
  if (runtime) propagation.inject(context.active(), headers);
}

/** The active trace id, for log lines. */
export function activeTraceIds(): { trace_id: string; span_id: string } | null {
  if (!runtime) return null;
  const span = trace.getActiveSpan();
  if (!span) return null;
  const { traceId, spanId } = span.spanContext();
  return { trace_id: traceId, span_id: spanId };
}

const tracer = () => trace.getTracer('@fed/service-kit');

/** Links to the spans that recorded the given trace contexts (a batch of events, each from its own trace). */
function linksTo(traceparents: (string | null | undefined)[]): Link[] {
  const links: Link[] = [];
  for (const traceparent of traceparents) {
    if (!traceparent) continue;
    const spanContext = trace.getSpanContext(propagation.extract(ROOT_CONTEXT, { traceparent }));
    if (spanContext) links.push({ context: spanContext });
  }
  return links;
}

/**
 * Runs fn in a span of `service` that starts a trace of its own and links to the traces of the
 * events it handles (the mutations that recorded them): a consumer batch, an outbox delivery.
 */
export async function inLinkedSpan<T>(
  service: string,
  name: string,
  kind: SpanKind,
  traceparents: (string | null | undefined)[],
  attributes: Attributes,
  fn: () => Promise<T>,
): Promise<T> {
  if (!runtime) return fn();
  const parent: Context = ROOT_CONTEXT.setValue(SERVICE, service);
  return tracer().startActiveSpan(name, { kind, links: linksTo(traceparents), attributes, root: true }, parent, async (span: Span) => {
    try {
      return await fn();
    } catch (error) {
      span.recordException(error as Error);
      span.setStatus({ code: SpanStatusCode.ERROR, message: (error as Error).message });
      throw error;
    } finally {
      span.end();
    }
  });
}

export { SpanKind };

/** Probes and scrapes are not worth a trace each; the OTLP receiver of a test must not trace itself. */
const UNTRACED_PATHS = /^\/(health|ready|metrics|v1\/traces)(\?|$)/;

function samplerFrom(env: Record<string, string | undefined>, sdk: typeof SdkTrace) {
  const ratio = Number(env.OTEL_TRACES_SAMPLER_ARG ?? 1);
  const fraction = Number.isFinite(ratio) ? Math.min(1, Math.max(0, ratio)) : 1;
  switch (env.OTEL_TRACES_SAMPLER ?? 'parentbased_always_on') {
    case 'always_on':
      return new sdk.AlwaysOnSampler();
    case 'always_off':
      return new sdk.AlwaysOffSampler();
    case 'traceidratio':
      return new sdk.TraceIdRatioBasedSampler(fraction);
    case 'parentbased_always_off':
      return new sdk.ParentBasedSampler({ root: new sdk.AlwaysOffSampler() });
    case 'parentbased_traceidratio':
      return new sdk.ParentBasedSampler({ root: new sdk.TraceIdRatioBasedSampler(fraction) });
    case 'parentbased_always_on':
      return new sdk.ParentBasedSampler({ root: new sdk.AlwaysOnSampler() });
    default:
      throw new Error(
        `OTEL_TRACES_SAMPLER: ${env.OTEL_TRACES_SAMPLER} is not supported (always_on, always_off, traceidratio, parentbased_*)`,
      );
  }
}

async function installTracing(env: Record<string, string | undefined>, defaultService: string): Promise<void> {
  const protocol = env.OTEL_EXPORTER_OTLP_TRACES_PROTOCOL ?? env.OTEL_EXPORTER_OTLP_PROTOCOL ?? 'http/protobuf';
  if (protocol !== 'http/protobuf' && protocol !== 'http/json') {
    throw new Error(`OTEL_EXPORTER_OTLP_PROTOCOL: ${protocol} is not supported here (http/protobuf or http/json)`);
  }
  const [sdk, resources, core, asyncHooks, instrumentation, httpInstrumentation, pgInstrumentation, prismaInstrumentation, exporterModule] =
    await Promise.all([
      import('@opentelemetry/sdk-trace'),
      import('@opentelemetry/resources'),
      import('@opentelemetry/core'),
      import('@opentelemetry/context-async-hooks'),
      import('@opentelemetry/instrumentation'),
      import('@opentelemetry/instrumentation-http'),
      import('@opentelemetry/instrumentation-pg'),
      import('@prisma/instrumentation'),
      protocol === 'http/json' ? import('@opentelemetry/exporter-trace-otlp-http') : import('@opentelemetry/exporter-trace-otlp-proto'),
    ]);
  const url = env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT ?? `${(env.OTEL_EXPORTER_OTLP_ENDPOINT ?? '').replace(/\/+$/, '')}/v1/traces`;
  // Headers, timeout and compression come from the standard OTEL_EXPORTER_OTLP_* variables, read by the exporter.
  const exporter = new exporterModule.OTLPTraceExporter({ url });
  const batch: SdkTrace.SpanProcessor = new sdk.BatchSpanProcessor({
    exporter,
    ...(env.OTEL_BSP_SCHEDULE_DELAY ? { scheduledDelayMillis: Number(env.OTEL_BSP_SCHEDULE_DELAY) } : {}),
    ...(env.OTEL_BSP_MAX_QUEUE_SIZE ? { maxQueueSize: Number(env.OTEL_BSP_MAX_QUEUE_SIZE) } : {}),
    ...(env.OTEL_BSP_MAX_EXPORT_BATCH_SIZE ? { maxExportBatchSize: Number(env.OTEL_BSP_MAX_EXPORT_BATCH_SIZE) } : {}),
  });

  // OTEL_RESOURCE_ATTRIBUTES apply to every service; service.name is always the service's own.
  const base = resources.resourceFromAttributes(resourceAttributes(env.OTEL_RESOURCE_ATTRIBUTES));
  const perService = new Map<string, ReturnType<typeof resources.resourceFromAttributes>>();
  const resourceOf = (service: string) => {
    let resource = perService.get(service);
    if (!resource) {
      resource = base.merge(resources.resourceFromAttributes({ 'service.name': service, 'service.namespace': 'fed-graph' }));
      perService.set(service, resource);
    }
    return resource;
  };
  const servicePorts = new Map<number, string>();
  const serviceOfSpan = new WeakMap<object, string>();
  type SdkSpan = Parameters<typeof batch.onStart>[0];
  type EndedSpan = Parameters<typeof batch.onEnd>[0];
  const router = {
    onStart(span: SdkSpan, parentContext: Context) {
      const parent = trace.getSpan(parentContext);
      const service =
        (parent && serviceOfSpan.get(parent)) ??
        (span.attributes[SERVICE_ATTRIBUTE] as string | undefined) ??
        (parentContext.getValue(SERVICE) as string | undefined) ??
        (context.active().getValue(SERVICE) as string | undefined) ??
        defaultService;
      serviceOfSpan.set(span, service);
      batch.onStart(span, parentContext);
    },
    onEnd(span: EndedSpan) {
      const service = serviceOfSpan.get(span) ?? defaultService;
      // The span as the exporter sees it, under its service's resource (everything else read through).
      batch.onEnd(Object.create(span, { resource: { value: resourceOf(service) } }) as EndedSpan);
    },
    forceFlush: () => batch.forceFlush(),
    shutdown: () => batch.shutdown(),
  };
  const provider = new sdk.TracerProvider({
    resource: resourceOf(defaultService),
    sampler: samplerFrom(env, sdk),
    spanProcessors: [router],
  });
  // Registered through the API's CommonJS instance: CommonJS packages (Apollo Gateway) took their
  // tracer from it when they loaded, and only that instance's proxy hands their spans to this
  // provider. The ES module instance reads the same globals, so the kit's own spans work too.
  const require = createRequire(import.meta.url);
  const api = require('@opentelemetry/api') as typeof OpenTelemetryApi;
  api.context.setGlobalContextManager(new asyncHooks.AsyncLocalStorageContextManager().enable());
  api.propagation.setGlobalPropagator(
    new core.CompositePropagator({ propagators: [new core.W3CTraceContextPropagator(), new core.W3CBaggagePropagator()] }),
  );
  api.trace.setGlobalTracerProvider(provider);
  instrumentation.registerInstrumentations({
    tracerProvider: provider,
    instrumentations: [
      new httpInstrumentation.HttpInstrumentation({
        ignoreIncomingRequestHook: (request: IncomingMessage) => UNTRACED_PATHS.test(request.url ?? '/'),
        // The services' own outgoing calls that matter (gateway -> subgraph) carry the gateway's fetch spans.
        ignoreOutgoingRequestHook: () => true,
        startIncomingSpanHook: (request: IncomingMessage) => {
          const service = servicePorts.get(request.socket.localPort ?? -1);
          return service ? { [SERVICE_ATTRIBUTE]: service } : {};
        },
      }),
      // Only statements of traced work: the relays' polling would otherwise be a trace every tick.
      new pgInstrumentation.PgInstrumentation({ requireParentSpan: true, enhancedDatabaseReporting: false }),
      new prismaInstrumentation.PrismaInstrumentation(),
    ],
  });
  // The instrumentations patch modules as they are required; the services import these as ES
  // modules, which share the CommonJS instances: requiring them once here applies the patches.
  require('node:http');
  require('node:https');
  require('pg');
  runtime = {
    servicePorts,
    shutdown: () => provider.shutdown(),
    forceFlush: () => provider.forceFlush(),
  };
}

function resourceAttributes(text: string | undefined): Attributes {
  const attributes: Attributes = {};
  for (const pair of (text ?? '').split(',')) {
    const index = pair.indexOf('=');
    if (index <= 0) continue;
    attributes[decodeURIComponent(pair.slice(0, index).trim())] = decodeURIComponent(pair.slice(index + 1).trim());
  }
  return attributes;
}

import { trace, type Tracer } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { BatchSpanProcessor, TracerProvider } from '@opentelemetry/sdk-trace';

export const TRACER_NAME = '@agentic-commerce/kit';

let installed: TracerProvider | undefined;

/**
 * Installs a global tracer provider exporting over OTLP/HTTP when OTEL_EXPORTER_OTLP_ENDPOINT (or
 * OTEL_EXPORTER_OTLP_TRACES_ENDPOINT) is set; otherwise spans stay no-ops. Idempotent. Returns the provider
 * (for shutdown) or undefined when tracing is off.
 */
export function setupTracing(env: NodeJS.ProcessEnv = process.env): TracerProvider | undefined {
  if (installed) return installed;
  if (!env.OTEL_EXPORTER_OTLP_ENDPOINT && !env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT) return undefined;
  installed = new TracerProvider({ spanProcessors: [new BatchSpanProcessor({ exporter: new OTLPTraceExporter() })] });
  trace.setGlobalTracerProvider(installed);
  return installed;
}

/** The action layer's tracer from the global provider (no-op unless a provider is installed). */
export function defaultTracer(): Tracer {
  return trace.getTracer(TRACER_NAME);
}

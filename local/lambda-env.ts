/**
 * The environment the handlers read at import, as they read their Lambda environment, with the local defaults:
 * no traces, metrics off and warnings only in the log, so the console shows the banner and what a developer asked
 * for (set POWERTOOLS_METRICS_DISABLED=false or POWERTOOLS_LOG_LEVEL=INFO to see more). The Logger, Metrics and
 * Tracer are built when their module is first imported, so this module is imported before anything else.
 */
Object.assign(process.env, {
  POWERTOOLS_TRACE_ENABLED: 'false',
  // With no traces, the X-Ray SDK (imported by the Tracer) need not track a context through every promise: in its
  // automatic mode it installs an async hook at import that runs on each promise's creation and end, about a tenth
  // of the runtime's CPU under load. Manual mode installs none; the disabled Tracer never asks for a context.
  AWS_XRAY_MANUAL_MODE: process.env.AWS_XRAY_MANUAL_MODE ?? 'true',
  POWERTOOLS_METRICS_DISABLED: process.env.POWERTOOLS_METRICS_DISABLED ?? 'true',
  POWERTOOLS_LOG_LEVEL: process.env.POWERTOOLS_LOG_LEVEL ?? 'WARN',
  // Node 20 runs the local runtime while Lambda runs Node 24, so the SDK's Node-version notice is noise here.
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED:
    process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ?? 'true',
});

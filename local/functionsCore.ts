import Module from 'node:module';

/**
 * The part of the Functions host's Node worker that `@azure/functions` talks to
 * (`require('@azure/functions-core')`). Supplying it brings the library out of "test mode", so every
 * `app.*` and `df.app.*` registration arrives here with its full binding metadata and handler —
 * exactly what the Functions host receives on Azure.
 */
export interface RpcBindingInfo {
  type?: string;
  direction?: 'in' | 'out' | 'inout';
  [key: string]: unknown;
}

export interface FunctionMetadata {
  name: string;
  bindings: Record<string, RpcBindingInfo>;
  retryOptions?: unknown;
}

export type FunctionCallback = (...args: unknown[]) => unknown;

export interface RegisteredFunction {
  metadata: FunctionMetadata;
  callback: FunctionCallback;
  /** The binding whose type ends in "Trigger". */
  trigger: RpcBindingInfo & { name: string; type: string };
}

/** The programming model object `@azure/functions` hands to the worker (it builds invocation models). */
export interface ProgrammingModel {
  name: string;
  version: string;
  getInvocationModel(coreCtx: unknown): {
    getArguments(): Promise<{ context: unknown; inputs: unknown[] }>;
    invokeFunction(context: unknown, inputs: unknown[], handler: FunctionCallback): Promise<unknown>;
    getResponse(context: unknown, result: unknown): Promise<{ returnValue?: unknown; outputData?: unknown[] }>;
  };
}

export class FunctionRegistry {
  readonly functions = new Map<string, RegisteredFunction>();
  programmingModel: ProgrammingModel | undefined;

  get(name: string): RegisteredFunction {
    const fn = this.functions.get(name);
    if (!fn) throw new Error(`No function named "${name}" is registered.`);
    return fn;
  }

  byTriggerType(type: string): RegisteredFunction[] {
    return [...this.functions.values()].filter((f) => f.trigger.type === type);
  }
}

export const functionRegistry = new FunctionRegistry();

/** The object `require('@azure/functions-core')` returns. */
export function createFunctionsCore(registry: FunctionRegistry = functionRegistry) {
  return {
    version: 'segmentwise-local',
    hostVersion: '4.0.0',
    setProgrammingModel(model: ProgrammingModel): void {
      registry.programmingModel = model;
    },
    getProgrammingModel(): ProgrammingModel | undefined {
      return registry.programmingModel;
    },
    registerFunction(metadata: FunctionMetadata, callback: FunctionCallback) {
      const trigger = Object.entries(metadata.bindings).find(([, b]) => /trigger$/i.test(String(b.type)));
      if (!trigger) throw new Error(`Function "${metadata.name}" has no trigger binding.`);
      if (registry.functions.has(metadata.name)) {
        throw new Error(`A function named "${metadata.name}" is already registered.`);
      }
      registry.functions.set(metadata.name, {
        metadata,
        callback,
        trigger: { ...trigger[1], name: trigger[0], type: String(trigger[1].type) },
      });
      return { dispose: () => registry.functions.delete(metadata.name) };
    },
    registerHook() {
      return { dispose() {} };
    },
    log(level: string, category: string, message: string): void {
      if (category === 'system' && (level === 'debug' || level === 'trace' || level === 'information')) return;
      (level === 'error' ? console.error : console.log)(message);
    },
  };
}

let installed = false;
/** Makes `require('@azure/functions-core')` resolve to this host's implementation, in plain Node. */
export function installFunctionsCore(registry: FunctionRegistry = functionRegistry): void {
  if (installed) return;
  installed = true;
  const core = createFunctionsCore(registry);
  const id = '@azure/functions-core';
  const moduleWithInternals = Module as unknown as {
    _resolveFilename(request: string, ...rest: unknown[]): string;
    _cache: Record<string, unknown>;
  };
  const original = moduleWithInternals._resolveFilename;
  moduleWithInternals._resolveFilename = function (request: string, ...rest: unknown[]) {
    return request === id ? id : original.call(this, request, ...rest);
  };
  const mod = new Module(id);
  mod.exports = core;
  mod.loaded = true;
  (require.cache as Record<string, unknown>)[id] = mod;
}

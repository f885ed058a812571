import { randomUUID } from 'node:crypto';
import { FunctionRegistry, RegisteredFunction } from './functionsCore';
import { RpcTypedData } from './rpcTypedData';

export interface InvocationInput {
  /** Typed data for each input binding, by binding name (the trigger's included). */
  inputData: Record<string, RpcTypedData>;
  triggerMetadata?: Record<string, RpcTypedData>;
  retryContext?: { retryCount: number; maxRetryCount: number };
}

export interface InvocationResult {
  returnValue?: RpcTypedData | null;
  outputData?: { name: string; data: RpcTypedData }[];
}

export type HostLogger = (level: string, functionName: string, message: string) => void;

export const consoleLogger: HostLogger = (level, functionName, message) => {
  const line = `[${new Date().toISOString()}] ${functionName}: ${message}`;
  if (level === 'error' || level === 'critical') console.error(line);
  else if (level === 'warning') console.warn(line);
  else console.log(line);
};

/**
 * Calls a registered function the way the Functions host's Node worker does: the library's own
 * invocation model converts the protocol's inputs, runs the handler and converts its result.
 */
export async function invokeFunction(
  registry: FunctionRegistry,
  fn: RegisteredFunction,
  input: InvocationInput,
  log: HostLogger = consoleLogger,
): Promise<InvocationResult> {
  const model = registry.programmingModel;
  if (!model) throw new Error('No programming model was set: load the functions first.');
  const invocationId = randomUUID();
  const coreCtx = {
    invocationId,
    state: 'invocation',
    metadata: { name: fn.metadata.name, bindings: fn.metadata.bindings, retryOptions: fn.metadata.retryOptions },
    request: {
      invocationId,
      functionId: fn.metadata.name,
      inputData: Object.entries(input.inputData).map(([name, data]) => ({ name, data })),
      triggerMetadata: input.triggerMetadata ?? {},
      retryContext: input.retryContext,
    },
    log: (level: string, category: string, message: string) => {
      if (category === 'system' && level !== 'warning' && level !== 'error') return;
      log(level, fn.metadata.name, message);
    },
  };
  const invocation = model.getInvocationModel(coreCtx);
  const { context, inputs } = await invocation.getArguments();
  const result = await invocation.invokeFunction(context, inputs, fn.callback);
  return (await invocation.getResponse(context, result)) as InvocationResult;
}


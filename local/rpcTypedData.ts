/**
 * The worker protocol's typed values (RpcTypedData), to and from plain values. The library converts
 * inputs with its own `fromRpcTypedData`; the host only has to build and read them.
 */
export interface RpcHttpData {
  method?: string;
  url?: string;
  headers?: Record<string, string>;
  query?: Record<string, string>;
  params?: Record<string, string>;
  body?: RpcTypedData;
  statusCode?: string;
}

export interface RpcTypedData {
  string?: string;
  json?: string;
  bytes?: Uint8Array;
  stream?: Uint8Array;
  http?: RpcHttpData;
  int?: number;
  double?: number;
  /** A reference the worker turns into an SDK client (SDK-type bindings), instead of the data itself. */
  modelBindingData?: { version?: string; source?: string; contentType?: string; content?: Uint8Array };
}

export function jsonData(value: unknown): RpcTypedData {
  return { json: JSON.stringify(value ?? null) };
}

/** A returned typed value as a JSON string (what durable history stores as Result). */
export function typedDataToJson(data: RpcTypedData | null | undefined): string {
  if (!data) return 'null';
  if (data.json !== undefined) return data.json;
  if (data.string !== undefined) return JSON.stringify(data.string);
  if (data.int !== undefined) return JSON.stringify(Number(data.int));
  if (data.double !== undefined) return JSON.stringify(data.double);
  if (data.bytes !== undefined) return JSON.stringify(Buffer.from(data.bytes).toString('base64'));
  return 'null';
}

export function typedDataToValue(data: RpcTypedData | null | undefined): unknown {
  return JSON.parse(typedDataToJson(data));
}

export function typedDataToBuffer(data: RpcTypedData | null | undefined): Buffer {
  if (!data) return Buffer.alloc(0);
  if (data.bytes !== undefined) return Buffer.from(data.bytes);
  if (data.stream !== undefined) return Buffer.from(data.stream);
  if (data.string !== undefined) return Buffer.from(data.string, 'utf8');
  if (data.json !== undefined) return Buffer.from(data.json, 'utf8');
  return Buffer.alloc(0);
}

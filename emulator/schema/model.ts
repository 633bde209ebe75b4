import snowballModel from './snowball-2016-06-30.json' with { type: 'json' };

/**
 * Service models in botocore's JSON form (the form `service-2.json` uses), which the emulator's codecs,
 * validation and tests all read. Smithy features botocore's form leaves out are written the way Smithy
 * names them: `sparse` on lists and maps, `union` on structures, `default` on member references.
 */
export interface MemberRef {
  shape: string;
  /** Smithy default value, in the model's own notation (blobs base64, timestamps epoch seconds). */
  default?: unknown;
}

export interface Shape {
  type:
    | 'structure'
    | 'list'
    | 'map'
    | 'string'
    | 'boolean'
    | 'byte'
    | 'short'
    | 'integer'
    | 'long'
    | 'float'
    | 'double'
    | 'timestamp'
    | 'blob';
  members?: Record<string, MemberRef>;
  required?: string[];
  member?: MemberRef;
  key?: MemberRef;
  value?: MemberRef;
  min?: number;
  max?: number;
  pattern?: string;
  enum?: string[];
  sparse?: boolean;
  union?: boolean;
  exception?: boolean;
  sensitive?: boolean;
}

export interface OperationModel {
  input?: { shape: string };
  output?: { shape: string };
  errors?: { shape: string }[];
}

export interface ServiceModel {
  metadata: { targetPrefix?: string; apiVersion?: string; [k: string]: unknown };
  operations: Record<string, OperationModel>;
  shapes: Record<string, Shape>;
}

/**
 * The Snowball model (botocore `service-2.json`, documentation removed; the JSON file names its origin).
 * The one description of every input and output: decoding, validation and encoding all follow it.
 */
export const SNOWBALL_MODEL = snowballModel as unknown as ServiceModel;

/** The Smithy namespace of the Snowball shapes, for RPC v2 CBOR's absolute `__type`. */
export const SNOWBALL_NAMESPACE = 'com.amazonaws.snowball';

export function shapeOf(model: ServiceModel, name: string): Shape {
  const shape = model.shapes[name];
  if (!shape) throw new Error(`the model has no shape ${name}`);
  return shape;
}

export function operationOf(model: ServiceModel, operation: string): OperationModel | undefined {
  return Object.hasOwn(model.operations, operation) ? model.operations[operation] : undefined;
}

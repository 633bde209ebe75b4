/**
 * One error type for everything the API answers with. Protocol encoders turn it into
 * AWS JSON 1.1 (`__type` + header) or RPC v2 CBOR (`__type` as an absolute shape id).
 */
export type ErrorOrigin =
  /** A structure in the Snowball model: `Message` member, namespace com.amazonaws.snowball. */
  | 'modeled'
  /** Coral framework errors (throttling, auth, 5xx): lowercase `message`. */
  | 'service'
  /** Coral's constraint validation. */
  | 'validate';

export class ApiError extends Error {
  constructor(
    readonly code: string,
    message: string | undefined,
    readonly status: number = 400,
    readonly origin: ErrorOrigin = 'modeled',
    /** Extra modeled members, e.g. ResourceType or ConflictResource. */
    readonly fields: Readonly<Record<string, unknown>> = {},
  ) {
    super(message ?? code);
    this.name = code;
    this.hasMessage = message !== undefined;
  }

  readonly hasMessage: boolean;

  /** `__type` for RPC v2 CBOR, which must be an absolute shape id; modeled errors live in the service's namespace. */
  absoluteType(namespace: string): string {
    switch (this.origin) {
      case 'modeled':
        return `${namespace}#${this.code}`;
      case 'validate':
        return `com.amazon.coral.validate#${this.code}`;
      case 'service':
        return `com.amazon.coral.service#${this.code}`;
    }
  }

  /** Modeled errors carry the model's `Message` member; framework errors use `message`. */
  get messageKey(): 'Message' | 'message' {
    return this.origin === 'modeled' ? 'Message' : 'message';
  }
}

export const invalidResource = (message: string, resourceType?: string): ApiError =>
  new ApiError(
    'InvalidResourceException',
    message,
    400,
    'modeled',
    resourceType ? { ResourceType: resourceType } : {},
  );

export const invalidJobState = (message: string): ApiError =>
  new ApiError('InvalidJobStateException', message);

export const invalidNextToken = (): ApiError =>
  new ApiError(
    'InvalidNextTokenException',
    'The NextToken string was altered unexpectedly, and the operation has stopped. Run the operation without changing the NextToken string, and try again.',
  );

export const invalidInputCombination = (message: string): ApiError =>
  new ApiError('InvalidInputCombinationException', message);

export const throttling = (): ApiError =>
  new ApiError('ThrottlingException', 'Rate exceeded', 400, 'service');

export const internalFailure = (): ApiError =>
  new ApiError(
    'InternalFailure',
    'The request processing has failed because of an unknown error, exception or failure.',
    500,
    'service',
  );

export const serviceUnavailable = (): ApiError =>
  new ApiError(
    'ServiceUnavailable',
    'The request has failed due to a temporary failure of the server.',
    503,
    'service',
  );

/** Temporary credentials past their expiry: AWS JSON services answer this, and no SDK retries it. */
export const expiredToken = (): ApiError =>
  new ApiError(
    'ExpiredTokenException',
    'The security token included in the request is expired',
    400,
    'service',
  );

export const serializationError = (message: string): ApiError =>
  new ApiError('SerializationException', message, 400, 'service');

/** What AWS JSON services answer for a target they do not know: no message at all. */
export const unknownOperation = (message?: string): ApiError =>
  new ApiError('UnknownOperationException', message, 400, 'service');

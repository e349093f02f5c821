/**
 * An error answered to the client the way the service would. Each protocol (awsJson, restJson,
 * awsQuery, S3 XML) turns it into its own wire form; `code` is the error's type name there.
 */
export class AwsError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status = 400,
    /** Extra members for XML errors (S3 `Key`, `BucketName`...) or JSON errors. */
    readonly extra: Record<string, string> = {},
  ) {
    super(message);
    this.name = code;
  }
}

export const validationError = (message: string): AwsError => new AwsError('ValidationException', message);
export const resourceNotFound = (message: string): AwsError => new AwsError('ResourceNotFound', message);
export const resourceInUse = (message: string): AwsError => new AwsError('ResourceInUse', message);

/** Thrown by a fault or by an access rule to close the socket without answering. */
export class DropConnection extends Error {
  constructor() {
    super('connection dropped by fault injection');
  }
}

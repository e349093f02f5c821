import type { IncomingMessage } from 'node:http';
import { AwsError } from '../core/errors';

/** Reads a whole request body (JSON, form or payload requests), refusing anything larger than `limit`. */
export async function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new AwsError('RequestEntityTooLarge', `Request body larger than ${limit} bytes`, 413);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

import { execFileSync } from 'node:child_process';
import { GetObjectCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import type { ClientFactory } from '../../../../src/core/aws/clientFactory';

export async function getObject(clients: ClientFactory, region: string, bucket: string, key: string): Promise<Buffer> {
  const s3 = await clients.s3(region);
  const answer = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
  return Buffer.from(await answer.Body!.transformToByteArray());
}

export async function listKeys(clients: ClientFactory, region: string, bucket: string, prefix = ''): Promise<string[]> {
  const s3 = await clients.s3(region);
  const answer = await s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix }));
  return (answer.Contents ?? []).map((item) => item.Key ?? '').sort();
}

/** The file names inside a .tar.gz, as GNU tar lists them. */
export function tarNames(archive: Buffer): string[] {
  return execFileSync('tar', ['tzf', '-'], { input: archive, encoding: 'utf8' }).trim().split('\n').filter(Boolean).sort();
}

/** One file's content from a .tar.gz. */
export function tarFile(archive: Buffer, name: string): string {
  return execFileSync('tar', ['xzOf', '-', name], { input: archive, encoding: 'utf8' });
}

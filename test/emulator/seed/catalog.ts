import { readFileSync } from 'node:fs';
import { dataPath } from '../core/projectRoot';

interface ImageVersion {
  tag: string;
  tags?: Record<string, string>;
  registries: Record<string, string>;
}

interface ImagesFile {
  domains: { default: string; by_region: Record<string, string> };
  images: Record<string, { repository: string; versions: Record<string, ImageVersion> }>;
}

let images: ImagesFile | undefined;

/**
 * A container image URI as the SageMaker Python SDK builds it, from data/sagemaker-images.json:
 * `{account}.dkr.ecr.{region}.{domain}/{repository}:{tag}`.
 */
export function imageUri(image: string, version: string, region: string, processor: 'cpu' | 'gpu' = 'cpu'): string {
  images ??= JSON.parse(readFileSync(dataPath('sagemaker-images.json'), 'utf8')) as ImagesFile;
  const entry = images.images[image];
  const v = entry?.versions[version];
  if (!entry || !v) throw new Error(`No image ${image}:${version} in sagemaker-images.json`);
  const account = v.registries[region] ?? v.registries['us-east-1'];
  const domain = images.domains.by_region[region] ?? images.domains.default;
  const tag = v.tags?.[processor] ?? v.tag.replace('{processor}', processor);
  return `${account}.dkr.ecr.${region}.${domain}/${entry.repository}:${tag}`;
}

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

/** `<base>-<yyyy-mm-dd-HH-MM-SS-mmm>`, the SageMaker Python SDK's default job names. */
export function sdkJobName(base: string, at: number): string {
  const d = new Date(at);
  return `${base}-${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}-${pad(d.getUTCHours())}-${pad(d.getUTCMinutes())}-${pad(d.getUTCSeconds())}-${pad(d.getUTCMilliseconds(), 3)}`;
}

export const executionRole = (accountId: string): string => `arn:aws:iam::${accountId}:role/service-role/AmazonSageMaker-ExecutionRole-20240312T101500`;

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

export const tags = (project: string, team: string, owner: string): { Key: string; Value: string }[] => [
  { Key: 'project', Value: project },
  { Key: 'team', Value: team },
  { Key: 'owner', Value: owner },
  { Key: 'cost-center', Value: team === 'risk-ml' ? 'cc-1042' : team === 'growth-ml' ? 'cc-2210' : 'cc-3307' },
];

/** The shell script of an idle auto-stop lifecycle configuration (base64, as the API carries it). */
export const AUTO_STOP_SCRIPT = Buffer.from(
  [
    '#!/bin/bash',
    'set -e',
    '# Stop the notebook instance after an hour without kernel activity.',
    'IDLE_TIME=3600',
    'wget -q https://raw.githubusercontent.com/aws-samples/amazon-sagemaker-notebook-instance-lifecycle-config-samples/master/scripts/auto-stop-idle/autostop.py',
    '(crontab -l 2>/dev/null; echo "*/5 * * * * /usr/bin/python3 $PWD/autostop.py --time $IDLE_TIME --ignore-connections") | crontab -',
    '',
  ].join('\n'),
).toString('base64');

import type { Domain } from '../../core/resources/domains';
import { statusTone } from '../../core/resources/status';
import { formatDateTime } from '../../core/util/format';
import { contextValue } from './contextValues';
import { tooltipTable, type NodePresentation } from './presentation';
import { statusIcon } from './status';

export function presentDomain(domain: Domain): NodePresentation {
  const tone = statusTone('domain', domain.status);
  return {
    label: domain.name,
    description: domain.status === 'InService' ? domain.id : `${domain.status} · ${domain.id}`,
    icon: tone === 'running' ? { id: 'organization' } : statusIcon(tone),
    tooltip: tooltipTable(`Studio domain ${domain.name}`, [
      ['Status', domain.status],
      ['Domain id', domain.id],
      ['Region', domain.region],
      ['ARN', domain.arn],
      ['Created', domain.created && formatDateTime(domain.created)],
      ['Last modified', domain.lastModified && formatDateTime(domain.lastModified)],
    ]),
    contextValue: contextValue('domain', domain.status),
    collapsible: 'collapsed',
  };
}

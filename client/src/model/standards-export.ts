import { exportAsyncApi, flowToMermaid, type FlowDoc, type Problem } from '@eventflow/shared';
import { stringify } from 'yaml';
import { exportFileName } from './import-flow';

/** The standard formats the Export menu writes. */
export type StandardFormat = 'mermaid' | 'asyncapi-yaml' | 'asyncapi-json';

/** A file ready to download: its text, name and media type. */
export interface ExportedFile {
  text: string;
  fileName: string;
  type: string;
  /** What the format could not carry (nodes and edges left out), to list to the user. */
  warnings: Problem[];
}

/**
 * The flow as a Mermaid flowchart or an AsyncAPI 3 document (no servers: the canvas picks no broker), named
 * after the flow like the other exports: `checkout.mmd`, `checkout.asyncapi.yaml`, `checkout.asyncapi.json`.
 */
export function exportStandard(doc: FlowDoc, format: StandardFormat): ExportedFile {
  if (format === 'mermaid')
    return {
      text: flowToMermaid(doc),
      fileName: exportFileName(doc.name, 'mmd'),
      type: 'text/vnd.mermaid',
      warnings: [],
    };
  const { doc: api, warnings } = exportAsyncApi(doc);
  if (format === 'asyncapi-json')
    return {
      text: `${JSON.stringify(api, null, 2)}\n`,
      fileName: exportFileName(doc.name, 'asyncapi.json'),
      type: 'application/json',
      warnings,
    };
  // No anchors or folded lines, as the CLI writes it.
  return {
    text: stringify(api, { aliasDuplicateObjects: false, lineWidth: 0 }),
    fileName: exportFileName(doc.name, 'asyncapi.yaml'),
    type: 'application/yaml',
    warnings,
  };
}

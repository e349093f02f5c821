import * as vscode from 'vscode';
import { placeholderDocs, placeholderNames, placeholdersIn } from '../core/launch/placeholders';
import type { JsonSchema, SchemaValidator } from '../core/launch/schema';
import { isJsonSpec, specKindOf } from '../core/launch/specKind';
import type { LaunchServices } from './launchServices';
import type { SpecDiagnostics } from './specDiagnostics';
import { specDocumentSelector } from './specSelector';

/** The YAML extension gives hover and completion from the schemas itself (yamlValidation). */
const yamlExtensionId = 'redhat.vscode-yaml';

function yamlExtensionActive(): boolean {
  return vscode.extensions.getExtension(yamlExtensionId) !== undefined;
}

/**
 * Hover and completion where no schema-aware editor gives them: in YAML specs when the YAML
 * extension is not installed (member documentation, member names, enum values such as instance
 * types), and placeholders (`${…}`) in every spec, JSON included.
 */
export function registerSpecAssist(launch: LaunchServices, diagnostics: SpecDiagnostics): vscode.Disposable[] {
  const validatorFor = (document: vscode.TextDocument): Promise<SchemaValidator> | undefined => {
    const kind = specKindOf(document.fileName);
    return kind ? launch.resources.validator(kind) : undefined;
  };
  return [
    vscode.languages.registerHoverProvider(specDocumentSelector, {
      provideHover: async (document, position) => {
        const placeholder = placeholderAt(document, position);
        if (placeholder) return new vscode.Hover(new vscode.MarkdownString(`**\${${placeholder}}**\n\n${placeholderDocs[placeholder]}`));
        if (isJsonSpec(document.fileName) || yamlExtensionActive()) return undefined;
        const validator = await validatorFor(document);
        if (!validator) return undefined;
        const spec = await diagnostics.parse(document);
        const { path } = spec.pathAt(document.offsetAt(position));
        const schema = path.length ? validator.schemaAt(path) : undefined;
        const text = schema && documentation(schema);
        return text ? new vscode.Hover(new vscode.MarkdownString(`**${String(path[path.length - 1])}**\n\n${text}`)) : undefined;
      },
    }),
    vscode.languages.registerCompletionItemProvider(
      specDocumentSelector,
      {
        provideCompletionItems: async (document, position) => {
          const line = document.lineAt(position.line).text.slice(0, position.character);
          const open = line.lastIndexOf('${');
          if (open >= 0 && !line.slice(open).includes('}')) return placeholderItems(launch, line.slice(open + 2), position);
          if (isJsonSpec(document.fileName) || yamlExtensionActive()) return undefined;
          const validator = await validatorFor(document);
          return validator ? yamlItems(document, position, validator) : undefined;
        },
      },
      // `${` opens a placeholder; members and values come with VS Code's suggestions as one types.
      '{',
    ),
  ];
}

function documentation(schema: JsonSchema): string | undefined {
  const text = schema.markdownDescription ?? schema.description;
  const values = schema.enum ?? schema.items?.enum;
  if (values && values.length <= 12) return `${text ?? ''}\n\nValid values: ${values.map((value) => `\`${String(value)}\``).join(', ')}`;
  if (values) return `${text ?? ''}\n\n${values.length} valid values (completion lists them).`;
  return text;
}

function placeholderAt(document: vscode.TextDocument, position: vscode.Position): (typeof placeholderNames)[number] | undefined {
  const line = document.lineAt(position.line).text;
  for (const ref of placeholdersIn(line)) {
    if (position.character >= ref.start && position.character <= ref.end) {
      return (placeholderNames as readonly string[]).includes(ref.name) ? (ref.name as (typeof placeholderNames)[number]) : undefined;
    }
  }
  return undefined;
}

async function placeholderItems(launch: LaunchServices, typed: string, position: vscode.Position): Promise<vscode.CompletionItem[]> {
  const range = new vscode.Range(position.translate(0, -typed.length), position);
  if (typed.startsWith('image:')) {
    const catalog = await launch.resources.images();
    return catalog.choices('training', launch.region).map((choice) => {
      const item = new vscode.CompletionItem(`image:${choice.name}:${choice.version}`, vscode.CompletionItemKind.Value);
      item.detail = choice.kind;
      item.insertText = `image:${choice.name}:${choice.version}}`;
      item.range = range;
      return item;
    });
  }
  return placeholderNames.map((name) => {
    const item = new vscode.CompletionItem(name, vscode.CompletionItemKind.Variable);
    item.documentation = new vscode.MarkdownString(placeholderDocs[name]);
    item.insertText = name === 'image' ? new vscode.SnippetString('image:${1:xgboost:1.7-1}}') : `${name}}`;
    item.range = range;
    return item;
  });
}

/** Member names where a key is typed, enum values where a value is. */
function yamlItems(document: vscode.TextDocument, position: vscode.Position, validator: SchemaValidator): vscode.CompletionItem[] | undefined {
  const line = document.lineAt(position.line).text.slice(0, position.character);
  const valueMatch = /^(\s*)(?:- )?([A-Za-z0-9]+):\s+([^#]*)$/.exec(line);
  if (valueMatch) {
    const indent = valueMatch[1]!.length;
    // `- Key: value` opens a list item: the key belongs to the item, whichever it is.
    const path = line.trimStart().startsWith('- ')
      ? [...yamlParentPath(document, position.line, indent), 0, valueMatch[2]!]
      : [...yamlParentPath(document, position.line, indent), valueMatch[2]!];
    const schema = validator.schemaAt(path);
    return schema?.enum?.map((value) => new vscode.CompletionItem(String(value), vscode.CompletionItemKind.EnumMember));
  }
  const keyMatch = /^(\s*)(- )?([A-Za-z0-9]*)$/.exec(line);
  if (!keyMatch) return undefined;
  const listItem = keyMatch[2] !== undefined;
  const indent = keyMatch[1]!.length + (listItem ? 2 : 0);
  const parentPath = yamlParentPath(document, position.line, keyMatch[1]!.length);
  const schema = validator.schemaAt(listItem ? [...parentPath, 0] : parentPath);
  if (listItem && schema?.enum) return schema.enum.map((value) => new vscode.CompletionItem(String(value), vscode.CompletionItemKind.EnumMember));
  const properties = schema?.properties;
  if (!properties) return undefined;
  const present = listItem ? new Set<string>() : siblingKeys(document, position.line, indent);
  return Object.entries(properties)
    .filter(([name]) => !present.has(name) && name !== '$schema')
    .map(([name, member]) => {
      const item = new vscode.CompletionItem(name, vscode.CompletionItemKind.Property);
      item.detail = member.description ?? validator.resolve(member).description;
      const resolved = validator.resolve(member);
      item.insertText = resolved.type === 'object' || resolved.type === 'array' ? `${name}:\n${' '.repeat(indent + 2)}` : `${name}: `;
      item.documentation = member.markdownDescription ? new vscode.MarkdownString(member.markdownDescription) : undefined;
      const required = schema.required?.includes(name);
      item.sortText = `${required ? '0' : '1'}${name}`;
      if (required) item.label = { label: name, description: 'required' };
      return item;
    });
}

function indentOf(text: string): number {
  return text.length - text.trimStart().length;
}

/**
 * The path of the mapping a line at `indent` belongs to, from the indentation of the lines
 * above (the document may not parse while it is being typed).
 */
export function yamlParentPath(document: vscode.TextDocument, lineNumber: number, indent: number): Array<string | number> {
  const path: Array<string | number> = [];
  let current = indent;
  for (let l = lineNumber - 1; l >= 0 && current > 0; l--) {
    const text = document.lineAt(l).text;
    const trimmed = text.trim();
    if (!trimmed || trimmed.startsWith('#')) continue;
    const lineIndent = indentOf(text);
    if (lineIndent >= current) continue;
    if (trimmed.startsWith('- ')) {
      // Inside a list item: which item, then the key that holds the list.
      if (current >= lineIndent + 2) {
        path.unshift(listIndex(document, l, lineIndent));
        current = lineIndent;
        if (current === 0) break;
        continue;
      }
    }
    const key = /^([A-Za-z0-9$]+):\s*(?:#.*)?$/.exec(trimmed);
    if (key) path.unshift(key[1]!);
    current = lineIndent;
  }
  return path;
}

function listIndex(document: vscode.TextDocument, itemLine: number, indent: number): number {
  let index = 0;
  for (let l = itemLine - 1; l >= 0; l--) {
    const text = document.lineAt(l).text;
    if (!text.trim() || text.trim().startsWith('#')) continue;
    const lineIndent = indentOf(text);
    if (lineIndent < indent) break;
    if (lineIndent === indent && text.trim().startsWith('- ')) index++;
  }
  return index;
}

function siblingKeys(document: vscode.TextDocument, lineNumber: number, indent: number): Set<string> {
  const keys = new Set<string>();
  const scan = (from: number, step: number): void => {
    for (let l = from; l >= 0 && l < document.lineCount; l += step) {
      const text = document.lineAt(l).text;
      const trimmed = text.trim();
      if (!trimmed || trimmed.startsWith('#')) continue;
      const lineIndent = indentOf(text) + (trimmed.startsWith('- ') && step < 0 ? 2 : 0);
      if (indentOf(text) < indent && !(trimmed.startsWith('- ') && indentOf(text) + 2 === indent)) break;
      const key = /^(?:- )?([A-Za-z0-9]+):/.exec(trimmed);
      if (key && lineIndent === indent) keys.add(key[1]!);
      if (trimmed.startsWith('- ') && indentOf(text) + 2 === indent) break;
    }
  };
  scan(lineNumber - 1, -1);
  scan(lineNumber + 1, 1);
  return keys;
}

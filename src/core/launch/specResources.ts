import { ImageCatalog, type ImageTable } from './images';
import type { JsonSchema } from './schema';
import { SchemaValidator } from './schema';
import type { SpecKind } from './specKind';

/** Reads a JSON file shipped with the extension, by path relative to the extension's folder. */
export type ReadShippedJson = (relativePath: string) => Promise<unknown>;

/** Where the shipped data lives, relative to the extension's folder. */
export const shippedFiles = {
  schema: (kind: SpecKind) => `schemas/${kind}.schema.json`,
  images: 'data/sagemaker-images.json',
} as const;

/**
 * The spec schemas and the image table, read from the extension's folder on first use (they
 * are data files next to the bundle, not part of it) and kept.
 */
export class SpecResources {
  private readonly validators = new Map<SpecKind, Promise<SchemaValidator>>();
  private catalog: Promise<ImageCatalog> | undefined;

  constructor(private readonly read: ReadShippedJson) {}

  validator(kind: SpecKind): Promise<SchemaValidator> {
    let pending = this.validators.get(kind);
    if (!pending) {
      pending = this.read(shippedFiles.schema(kind)).then((schema) => new SchemaValidator(schema as JsonSchema));
      this.validators.set(kind, pending);
      pending.catch(() => this.validators.delete(kind));
    }
    return pending;
  }

  images(): Promise<ImageCatalog> {
    if (!this.catalog) {
      const pending = this.read(shippedFiles.images).then((table) => new ImageCatalog(table as ImageTable));
      pending.catch(() => {
        this.catalog = undefined;
      });
      this.catalog = pending;
    }
    return this.catalog;
  }
}

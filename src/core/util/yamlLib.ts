/** The YAML library, as one lazily loaded module (`dist/yaml.js`); reach it through `loadYaml()`. */
export { parse, parseDocument, stringify, isMap, isSeq, isScalar, isPair, LineCounter, YAMLParseError } from 'yaml';
export type { Document, Node as YamlNode, Pair, Scalar, YAMLMap, YAMLSeq } from 'yaml';

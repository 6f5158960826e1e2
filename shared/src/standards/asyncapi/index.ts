export {
  flowToAsyncApi,
  exportAsyncApi,
  applicationToAsyncApi,
  CLOUDEVENTS_CONTENT_TYPE,
  type AsyncApiOptions,
} from './export.js';
export { AsyncApiBroker } from './bindings.js';
export { ASYNCAPI_VERSION, ASYNCAPI_VERSIONS } from './document.js';
export type * from './document.js';
export type { JsonSchema } from './json-schema.js';
export {
  asyncApiToFlow,
  type AsyncApiImport,
  type AsyncApiImportOptions,
  type AsyncApiUpgrade,
} from './import.js';

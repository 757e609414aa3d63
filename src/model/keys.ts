/** Index keys of the model. Pure. */

/** `ns/service` key of the EndpointSlice index. */
export function endpointSliceKey(namespace: string, serviceName: string): string {
  return `${namespace}/${serviceName}`;
}

/**
 * The ports of container probes and lifecycle hooks as kube-apiserver judges them on create: `validateHTTPGetAction`,
 * `validateTCPSocketAction` and `validateGRPCAction` call `ValidatePortNumOrName` (pkg/apis/core/validation/
 * validation.go): a number is 1-65535 (`IsValidPortNum`), a string an IANA_SVC_NAME (`IsValidPortName`: at most 15
 * lower-case letters, digits and single hyphens, at least one letter; so `"8080"` in quotes is rejected), and a
 * missing port decodes as 0. A gRPC port is an int32: a string does not decode. Read for the containers and native
 * sidecars (lib/handler-ports.ts); other init containers and ephemeral containers may not have probes or hooks at all.
 */
import { podSpecOf } from './container-ports';
import { FieldErrors } from './field';
import { isInt } from './metadata';
import { isPortName, isPortNumber, portNameErrors } from '../../k8s-syntax/names';
import { handlerPorts, probedContainers } from '../lib/handler-ports';

const RANGE = 'must be between 1 and 65535, inclusive';

/** Adds to `errs` what the API server rejects in the probe and hook ports of `obj` (a `kind` object). */
export function probePortRejections(obj: any, kind: string, errs: FieldErrors): void {
  const at = podSpecOf(obj, kind);
  if (!at) return;
  for (const c of probedContainers(at.spec)) {
    for (const h of handlerPorts(c.container)) {
      const path = `${at.path}.${c.path}.${h.path}`;
      const v = h.port;
      if (v === undefined || v === null) {
        errs.add(path, 'Invalid value', 0, RANGE, 'set port to the number the container listens on, or to the name of one of its ports');
      } else if (typeof v === 'number') {
        if (!isInt(v) || !isPortNumber(v)) errs.add(path, 'Invalid value', v, RANGE, 'set port to the number the container listens on (1-65535)');
      } else if (typeof v !== 'string') {
        errs.add(path, 'Invalid value', v, 'must be a port number or a port name', 'set port to the number the container listens on, or to the name of one of its ports');
      } else if (h.action === 'grpc') {
        // a value yet to be filled in (`{{ }}`, `${}`) is the rules' to leave or note (lib/api-rule.ts placeholdersNoted)
        errs.add(path, 'Invalid value', v, 'must be a number: a gRPC action takes no port name (the field is an int32)', /^\d+$/.test(v) ? 'write the port number without quotes' : 'set port to the number the gRPC server listens on');
      } else if (!isPortName(v)) {
        errs.each(path, v, portNameErrors(v), /^\d+$/.test(v)
          ? 'write the port number without quotes (a quoted number is read as a port name)'
          : 'use the name of one of the container\'s ports (at most 15 lower-case letters, digits and single hyphens, with at least one letter), or the port number');
      }
    }
  }
}

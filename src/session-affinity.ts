import { Duration } from 'cdk8s';
import { isAbsent, markValueType, typeError } from './prop-check';

/**
 * Session affinity of a ClusterIP Service (`spec.sessionAffinity`): whether kube-proxy keeps sending one client's
 * connections to the same endpoint.
 *
 * @example
 * SessionAffinity.clientIp(Duration.hours(1));
 *
 * @see https://kubernetes.io/docs/reference/networking/virtual-ips/#session-affinity
 */
export class SessionAffinity {
  /** No affinity: kube-proxy picks an endpoint per connection (the Kubernetes default). */
  public static none(): SessionAffinity {
    return new SessionAffinity('None');
  }

  /**
   * Connections from one client IP go to the same endpoint until the client has been idle for `timeout`.
   *
   * @param timeout how long the affinity lasts (whole seconds, 1 second to 24 hours). Default: 3 hours (the
   * Kubernetes default)
   */
  public static clientIp(timeout?: Duration): SessionAffinity {
    if (!isAbsent(timeout) && typeof (timeout as { toSeconds?: unknown }).toSeconds !== 'function') {
      throw typeError('SessionAffinity.clientIp', 'timeout', timeout, 'a Duration', 'use for example Duration.hours(1).');
    }
    return new SessionAffinity('ClientIP', timeout ?? undefined);
  }

  private constructor(
    /** `None` or `ClientIP`. */
    public readonly mode: string,
    /**
     * The ClientIP timeout, when one was given.
     *
     * @default - undefined: no affinity, or the Kubernetes default of 3 hours for ClientIP
     */
    public readonly timeout?: Duration,
  ) {}
}

markValueType(SessionAffinity, 'SessionAffinity');

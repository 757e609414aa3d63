/**
 * networkpolicy-blocks-dns (warning): a pod template selected by NetworkPolicies that isolate it for egress, when no
 * egress rule of theirs allows port 53 to the cluster DNS pods: the classic "we added a default-deny egress policy and
 * every name stopped resolving". Pods isolated for egress may send only what the union of the egress rules of every
 * policy selecting them allows (NetworkPolicy API reference, NetworkPolicySpec.egress and policyTypes).
 *
 * Levels: warning when the input shows that DNS over UDP cannot reach the DNS pods (a `port: 53` without protocol is
 * TCP only, and says so); info when it depends on what the input does not say (an ipBlock, labels of kube-system or of
 * the DNS pods, policies of other APIs such as Cilium's or Calico's in the input). UDP allowed without TCP is not
 * reported (only answers too large for UDP fail; Online Boutique's generated policies allow UDP only). Pods whose
 * policies allow no egress at all are not reported: they reach nothing by design. Never an error: the API server accepts the policies, and only a CNI that enforces them (not kindnet or flannel
 * alone) blocks anything. Pods on the host network (not governed by NetworkPolicies) and pods with dnsPolicy `Default`
 * or `None` (the node's or their own resolvers) are not judged.
 */
import { asArray } from '../../model/manifest';
import type { NamespacedObject } from '../../model/pods';
import type { PodTemplate } from '../context/pod-templates';
import { nameOf } from '../helpers';
import {
  DNS_NAMESPACE, DnsTarget, NAMESPACE_NAME_LABEL, dnsTarget, EgressPolicy, egressPolicies, higher, otherPolicies,
  peerReachesDns, peersReachDns, portAllowsDns, portsAllowDns, Verdict,
} from '../lib/network-policies';
import { finding, Finding, Rule } from '../rule';
import { selectorMatches } from '../validation/selector';

/** What the egress rules of the policies selecting one pod allow towards the DNS pods. */
interface DnsVerdict {
  readonly udp: Verdict;
  /** A policy and the port of a rule that allows a DNS port without a protocol (TCP only), if any. */
  readonly tcpByDefault?: { readonly policy: EgressPolicy; readonly port: string };
  /** The policy and the peer that make UDP `maybe`, if any. */
  readonly maybeBy?: { readonly policy: EgressPolicy; readonly peer: { [key: string]: any } };
}

function dnsVerdict(policies: readonly EgressPolicy[], target: DnsTarget): DnsVerdict {
  let udp: Verdict = 'no';
  let tcpByDefault: DnsVerdict['tcpByDefault'];
  let maybeBy: DnsVerdict['maybeBy'];
  for (const p of policies) {
    for (const raw of p.rules) {
      const rule = (raw ?? {}) as { [key: string]: any };
      const peers = peersReachDns(rule.to, p.namespace, target);
      if (peers === 'no') continue;
      const u = portsAllowDns(rule.ports, 'UDP') ? peers : 'no';
      if (u === 'maybe' && udp === 'no') {
        const peer = (rule.to as unknown[]).find((x) => peerReachesDns(x, p.namespace, target) === 'maybe');
        maybeBy = { policy: p, peer: (peer ?? {}) as { [key: string]: any } };
      }
      udp = higher(udp, u);
      const defaulted = asArray(rule.ports).find((e: any) => e?.protocol === undefined && portAllowsDns(e, 'TCP')) as { port?: unknown } | undefined;
      if (defaulted) tcpByDefault ??= { policy: p, port: String(defaulted.port ?? '(every)') };
    }
  }
  return { udp, tcpByDefault, maybeBy };
}

/** At most this many policies are named in one message (thousands may select one pod: `podSelector: {}`). */
const MAX_LISTED_POLICIES = 10;

function policyList(policies: readonly EgressPolicy[]): string {
  const names = policies.slice(0, MAX_LISTED_POLICIES).map((p) => `"${p.name}"`);
  const more = policies.length > MAX_LISTED_POLICIES ? ` and ${policies.length - MAX_LISTED_POLICIES} more` : '';
  return policies.length === 1 ? `NetworkPolicy ${names[0]}` : `NetworkPolicies ${names.join(', ')}${more}`;
}

const FIX = `Fix: allow egress on UDP and TCP port 53 to namespaceSelector kubernetes.io/metadata.name=${DNS_NAMESPACE} with podSelector k8s-app=kube-dns.`;

export const networkPolicyBlocksDns: Rule = {
  id: 'networkpolicy-blocks-dns',
  level: 'warning',
  description: 'Pods isolated for egress by NetworkPolicies that do not allow DNS (port 53 to the cluster DNS pods)',
  explanation: 'A pod selected by a NetworkPolicy with Egress in its policyTypes (or, without policyTypes, with egress rules) may send only what the union of the egress rules of all policies selecting it allows; without a rule allowing UDP port 53 to the cluster DNS pods (k8s-app=kube-dns in kube-system), no Service name resolves. A rule without ports allows every port and one without to every destination; a port entry without protocol is TCP; a named port is the destination pod\'s (CoreDNS names UDP 53 dns and TCP 53 dns-tcp) (NetworkPolicy API reference: NetworkPolicySpec, NetworkPolicyEgressRule, NetworkPolicyPort, kubernetes.io/docs/reference/kubernetes-api/policy-resources/network-policy-v1; kubernetes.io/docs/concepts/services-networking/network-policies). Only a network plugin that enforces NetworkPolicies blocks the traffic, hence a warning; an ipBlock, a namespace or pod selector on labels the input does not show, and Cilium, Calico, Antrea or AdminNetworkPolicy policies in the input make it an info.',
  fix: 'Add an egress rule allowing UDP and TCP port 53 to the kube-dns pods in kube-system to a policy that selects the pods.',
  check(ctx) {
    const policies = egressPolicies(ctx.model);
    if (policies.length === 0) return [];
    const target = dnsTarget(ctx.model, policies);
    const others = otherPolicies(ctx.model);
    const out: Finding[] = [];
    for (const t of ctx.podTemplates) {
      if (t.spec.hostNetwork === true || t.spec.dnsPolicy === 'Default' || t.spec.dnsPolicy === 'None') continue;
      const selecting = policies.filter((p) => p.namespace === t.namespace && selectorMatches(p.podSelector, t.labels));
      // Pods whose policies allow no egress at all reach nothing by design (leaf services of generated policies): DNS
      // is not what breaks them.
      if (selecting.every((p) => p.rules.length === 0)) continue;
      const f = judge(this, t, selecting, dnsVerdict(selecting, target), target);
      if (f === undefined) continue;
      out.push(downgrade(f, others(t.namespace)));
    }
    return out;
  },
};

function judge(rule: Rule, t: PodTemplate, selecting: readonly EgressPolicy[], v: DnsVerdict, target: DnsTarget): Finding | undefined {
  const who = `${t.kind} "${t.name}" is isolated for egress by ${policyList(selecting)}`;
  if (v.udp === 'no') {
    if (v.tcpByDefault) {
      return finding(rule, t.ownerId, `${who}, and NetworkPolicy "${v.tcpByDefault.policy.name}" allows port ${v.tcpByDefault.port} without a protocol, which defaults to TCP: DNS over UDP stays blocked, so no Service name resolves. Fix: add a port ${v.tcpByDefault.port} entry with protocol: UDP beside it.`);
    }
    return finding(rule, t.ownerId, `${who}, and no egress rule of ${selecting.length === 1 ? 'it' : 'them'} allows UDP port 53 to the cluster DNS pods in ${DNS_NAMESPACE}, so no Service name resolves. ${FIX}`);
  }
  if (v.udp === 'maybe') {
    return { ...finding(rule, t.ownerId, `${who}, and only a rule of NetworkPolicy "${v.maybeBy!.policy.name}" may allow UDP port 53 to the cluster DNS pods, ${maybeReason(v.maybeBy!.peer, target)}. ${FIX}`), level: 'info' };
  }
  return undefined;
}

/** Why a peer may or may not select the DNS pods (`peerReachesDns` said `maybe`). */
function maybeReason(peer: { [key: string]: any }, target: DnsTarget): string {
  const block = peer.ipBlock;
  if (block !== undefined && block !== null) {
    return `to ipBlock "${String(block.cidr)}": whether an ipBlock selects pod IPs, and the DNS pods' IPs, depends on the network plugin and the cluster (the docs mean ipBlocks for cluster-external IPs)`;
  }
  const ns = peer.namespaceSelector;
  const nsMaybe = ns !== undefined && ns !== null && !target.homes.some((h) => selectorMatches(ns, h.namespaceLabels));
  return nsMaybe
    ? `whose namespaceSelector needs labels that ${target.homes.map((h) => h.namespace).join(' or ')} does not carry unless someone labels it (Kubernetes sets only ${NAMESPACE_NAME_LABEL})`
    : 'whose podSelector needs labels other than k8s-app=kube-dns, the label the CoreDNS and kube-dns pods carry';
}

/** A finding made info, naming the input's policies of other APIs that may allow DNS. */
function downgrade(f: Finding, others: readonly NamespacedObject[]): Finding {
  if (others.length === 0 || f.level === 'info') return f;
  const names = others.slice(0, 3).map((o) => `${String(o.object.kind)} "${nameOf(o) ?? '(no name)'}"`).join(', ');
  return { ...f, level: 'info', message: `${f.message} (The input's ${names}${others.length > 3 ? ` and ${others.length - 3} more` : ''} may allow it: they are not NetworkPolicies and are not read.)` };
}

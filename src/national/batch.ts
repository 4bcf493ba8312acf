/**
 * The batch side of the national client: a submission as a batch item, and the batch reply read
 * back into one outcome per submission (a receipt, or the HubError the item would have raised
 * had it been sent alone). A reply that does not match the request fails every item, retryably.
 */
import { HubError } from '../lib/errors.ts';
import {
  NATIONAL_PATHS,
  type BatchItem,
  type BatchItemResult,
  type SubmissionReply,
} from './contract.ts';
import { nationalError, type RequestContext } from './errors.ts';
import type { NationalReceipt, NationalSubmission } from './client.ts';

/** What happened to one submission of a batch. */
export type NationalItemResult =
  | { readonly ok: true; readonly receipt: NationalReceipt }
  | { readonly ok: false; readonly error: HubError };

/** A submission as an item of POST /api/v1/cases/batch. */
export function batchItemOf(s: NationalSubmission): BatchItem {
  switch (s.operation) {
    case 'create':
      return { operation: 'create', submissionKey: s.submissionKey, case: s.body };
    case 'update': {
      if (s.nationalCaseId === undefined) {
        const msg = `Update of submission ${s.submissionKey} has no nationalCaseId`;
        throw new HubError('KNTC_INTERNAL', msg, { details: { submissionKey: s.submissionKey } });
      }
      const { submissionKey, nationalCaseId, body } = s;
      return { operation: 'update', submissionKey, nationalCaseId, case: body };
    }
    case 'stage': {
      const { submissionKey, nationalCaseId, stage, data } = s;
      return { operation: 'stage', submissionKey, nationalCaseId, stage, data };
    }
  }
}

function contextOf(s: NationalSubmission): RequestContext {
  return { method: 'POST', path: NATIONAL_PATHS.batch, submissionKey: s.submissionKey };
}

function isReply(r: unknown): r is SubmissionReply {
  const d = r as Partial<SubmissionReply> | null;
  return typeof d?.nationalCaseId === 'string' && typeof d.duplicate === 'boolean';
}

function malformed(ctx: RequestContext, status: number, what: string): NationalItemResult {
  const msg = `National database answered POST ${ctx.path} (submission ${ctx.submissionKey ?? '?'}) with HTTP ${status} but ${what}`;
  return { ok: false, error: new HubError('KNTC_NATIONAL_HTTP', msg, { retryable: true }) };
}

function itemResult(
  s: NationalSubmission,
  r: Partial<BatchItemResult> | undefined,
  httpStatus: number,
  retryAfter: string | undefined,
): NationalItemResult {
  const ctx = contextOf(s);
  if (r === undefined || typeof r.status !== 'number') {
    return malformed(ctx, httpStatus, 'no result for this item');
  }
  if (r.status >= 200 && r.status < 300) {
    if (!isReply(r.reply)) return malformed(ctx, httpStatus, 'no nationalCaseId for this item');
    const { nationalCaseId, duplicate, receivedAt } = r.reply;
    return { ok: true, receipt: { nationalCaseId, duplicate, receivedAt, httpStatus: r.status } };
  }
  return { ok: false, error: nationalError(ctx, r.status, r.error, retryAfter) };
}

/** Reads a batch reply into one result per submission, in the submissions' order. */
export function readBatchReply(
  submissions: readonly NationalSubmission[],
  httpStatus: number,
  data: unknown,
  retryAfter: string | undefined,
): NationalItemResult[] {
  const results = (data as { results?: unknown } | null)?.results;
  const list = Array.isArray(results) ? (results as Partial<BatchItemResult>[]) : [];
  return submissions.map((s, i) => itemResult(s, list[i], httpStatus, retryAfter));
}

-- One entry per change on the audit page: every row the triggers write in one
-- transaction carries that transaction's id, so the trail can fold a drag's job,
-- visit, helper and board-change rows under one sentence. Rows written before this
-- column existed keep a null and are grouped by their shared transaction time.
alter table public.audit_log add column txid bigint;
alter table public.audit_log alter column txid set default txid_current();
comment on column public.audit_log.txid is 'The transaction that wrote the row: rows of one change share it.';

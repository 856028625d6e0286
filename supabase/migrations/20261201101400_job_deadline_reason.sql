-- Why a job has its deadline, in words: a rule's or the customer's response time
-- ("rule Contracts: Lakeview Diner has a service contract, respond within 4 h"), or
-- null when a person gave the deadline (or none was set). Written when the job is
-- taken, through the same insert as the job, so the audit trail holds both.

alter table public.jobs
  add column deadline_reason text check (deadline_reason is null or length(deadline_reason) <= 500);

comment on column public.jobs.deadline_reason is 'Why the job has its deadline (the rule or contract terms that set it), in words; null when given by a person.';

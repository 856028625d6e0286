-- Recurring maintenance into routine slots: a series may name the kind of work it is
-- (a job template). Its visits carry that template, so the company's fixed slot
-- blocks reserved for it (the routine slots) take them: each visit is booked
-- straight into such a block when one has room that day, else it waits in the queue
-- with the reason.

alter table public.job_series
  add column template_id uuid,
  add constraint job_series_template_fk foreign key (org_id, template_id)
    references public.job_templates (org_id, id) on delete set null (template_id);
create index job_series_template_id_idx on public.job_series (template_id);

comment on column public.job_series.template_id is 'The kind of work of each visit (a job template): its fixed slot blocks are the series'' routine slots.';

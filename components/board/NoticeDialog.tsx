"use client";

import { ConfirmDialog } from "@/components/board/ConfirmDialog";
import { noticeChannel } from "@/components/board/notice-prompt";
import type { NoticeQuestion } from "@/components/board/use-notice-question";

/** Asks whether the customer hears about a change to their published visit due within 24 hours. */
export function NoticeDialog({
  question,
  notifyCustomer,
  onNotifyChange,
  onAnswer,
}: {
  question: NoticeQuestion;
  notifyCustomer: boolean;
  onNotifyChange: (notify: boolean) => void;
  onAnswer: (confirmed: boolean) => void;
}) {
  const { job } = question;
  return (
    <ConfirmDialog title="Customer notice" confirmLabel="Confirm" onConfirm={() => onAnswer(true)} onCancel={() => onAnswer(false)}>
      <p className="text-slate-700">
        {job.workOrder} is published and due within 24 hours. Notify the customer by {noticeChannel(job)}?
      </p>
      <p className="text-xs text-slate-500">
        {job.customerName}
        {job.customerPhone ? ` · ${job.customerPhone}` : ""}
        {job.customerEmail ? ` · ${job.customerEmail}` : ""}
      </p>
      <label className="flex items-center gap-2 text-slate-800">
        <input type="checkbox" checked={notifyCustomer} onChange={(e) => onNotifyChange(e.target.checked)} />
        Notify customer
      </label>
    </ConfirmDialog>
  );
}

import type { Metadata } from "next";
import { PageTitle } from "@/components/ui";
import { StatusLookup } from "@/components/cases/status-lookup";
import { answerReturnedAction, applicationStatusAction } from "../actions";

export const metadata: Metadata = { title: "救助申请进度查询" };

/** W6 step 3: the applicant follows the case with its number and the last 4 ID characters (sent by POST). */
export default function ApplicationStatusPage() {
  return (
    <div className="mx-auto max-w-3xl space-y-6 text-base">
      <PageTitle subtitle="输入申请编号和申请人身份证号码后4位，查看办理进度和结果。">救助申请进度查询</PageTitle>
      <StatusLookup lookup={applicationStatusAction} answer={answerReturnedAction} />
    </div>
  );
}

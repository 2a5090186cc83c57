import type { Metadata } from "next";
import Link from "next/link";
import { connection } from "next/server";
import { requirePageUser } from "@/lib/auth/guard";
import { shanghaiDate } from "@/lib/registry/deadline";
import { Card, PageTitle } from "@/components/ui";
import { ApplicationForm } from "@/components/cases/application-form";
import { createWindowApplicationAction } from "../actions";

export const metadata: Metadata = { title: "窗口登记救助申请" };

/** W6 at the window: the clerk enters the application for the citizen (source "window"). */
export default async function NewCasePage() {
  await connection();
  await requirePageUser({ permission: "case.handle" }, "/county/cases/new");
  return (
    <>
      <p className="mb-2">
        <Link href="/county/cases">← 依申请救助</Link>
      </p>
      <PageTitle subtitle="为到窗口办理的群众登记救助申请；登记后进入本县申请列表。">窗口登记救助申请</PageTitle>
      <Card className="max-w-3xl">
        <ApplicationForm action={createWindowApplicationAction} today={shanghaiDate(new Date())} mode="window" />
      </Card>
    </>
  );
}

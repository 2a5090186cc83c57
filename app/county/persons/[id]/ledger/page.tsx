import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { connection } from "next/server";
import { getDb } from "@/db";
import { requirePageUser, requireRecord } from "@/lib/auth/guard";
import { getPersonLedger, ledgerInputSchema } from "@/lib/reports/person-ledger";
import { PersonLedgerView } from "@/components/reports/person-ledger";

export const metadata: Metadata = { title: "专项管理台账" };

/** W8 / P-MON-3: a person's yearly ledger, for the county office (not audited: the person page shows the same). */
export default async function CountyPersonLedgerPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ year?: string }> }) {
  await connection();
  const user = await requirePageUser({ permission: "area.county" });
  const query = ledgerInputSchema.safeParse({ personId: (await params).id, year: (await searchParams).year || undefined });
  if (!query.success) notFound();
  const { personId } = query.data;
  const ledger = await requireRecord(getPersonLedger(await getDb(), user, query.data));
  return (
    <PersonLedgerView
      ledger={ledger}
      back={{ href: `/county/persons/${personId}`, label: ledger.person.name }}
      yearHref={(year) => `/county/persons/${personId}/ledger?year=${year}`}
      exportHref={`/api/v1/ledgers/${personId}?year=${ledger.year}`}
      settlementHref={(settlementId) => `/county/settlements/${settlementId}`}
    />
  );
}

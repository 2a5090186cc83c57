import Link from "next/link";
import { getDb } from "@/db";
import { Badge, Card } from "@/components/ui";
import { ALERT_STATE_LABELS, alertsOfPerson } from "@/lib/alerts/alerts";
import type { SessionUser } from "@/lib/auth/types";
import { formatDate } from "@/lib/labels";
import { formatYuan } from "@/lib/money";
import { ALERT_LEVEL_LABELS } from "@/lib/settlement";

/** The person's high-expense alerts (W7), for the person page; nothing when there are none. */
export async function PersonAlerts({ user, personId }: { user: SessionUser; personId: string }) {
  const rows = await alertsOfPerson(await getDb(), user, personId);
  if (rows.length === 0) return null;
  return (
    <Card title="高额费用预警" className="mt-5">
      <ul className="space-y-2" data-testid="person-alerts">
        {rows.map((a) => (
          <li key={a.id} className="flex flex-wrap items-center gap-3">
            <Badge tone={a.level === 2 ? "red" : "amber"}>
              {a.year}年{ALERT_LEVEL_LABELS[a.level as 1 | 2]}
            </Badge>
            <span>
              个人负担 {formatYuan(a.burden)}（预警线 {formatYuan(a.threshold)}），{formatDate(a.createdAt)}生成，{ALERT_STATE_LABELS[a.state]}
            </span>
            {a.state === "OPEN" ? <Link href={`/county/alerts/${a.id}/case`}>发起依申请救助</Link> : null}
            {a.applicationId ? <Link href={`/county/cases/${a.applicationId}`}>查看救助案件</Link> : null}
          </li>
        ))}
      </ul>
    </Card>
  );
}

import { connection } from "next/server";
import { StaffShell } from "@/components/staff-shell";
import { staffFrame } from "@/lib/auth/staff-frame";

export default async function Layout({ children }: { children: React.ReactNode }) {
  await connection();
  const { shell, nav } = await staffFrame("area.supervisor");
  return (
    <StaffShell user={shell} nav={nav}>
      {children}
    </StaffShell>
  );
}

import { SiteHeader } from "@/components/site-header";

export default function PublicLayout({ children }: { children: React.ReactNode }) {
  return (
    <>
      <SiteHeader />
      <main className="mx-auto max-w-5xl px-4 py-8 text-[1.05rem]">{children}</main>
      <footer className="mx-auto max-w-5xl px-4 pb-10 text-sm text-slate-500">
        本平台依据国家、重庆市、彭水县等地公开政策文件计算与解释；结果仅供参考，以医保经办机构结算为准。
      </footer>
    </>
  );
}

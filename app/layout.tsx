import type { Metadata, Viewport } from "next";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "三重保障服务平台", template: "%s · 三重保障服务平台" },
  description: "基本医保、大病保险、医疗救助三重制度综合保障：政策解读、费用估算、一站式结算与依申请救助。",
};

export const viewport: Viewport = { width: "device-width", initialScale: 1 };

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="zh-CN">
      <body className="min-h-screen">{children}</body>
    </html>
  );
}

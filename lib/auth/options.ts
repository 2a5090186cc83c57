import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { getDb } from "@/db";
import { clientAddressFrom } from "./client-address";
import { verifyCredentials } from "./verify-credentials";

/** Sessions expire after a working day; the user row is re-read on every request. */
export const SESSION_MAX_AGE_SECONDS = 8 * 60 * 60;

export const authOptions: NextAuthOptions = {
  secret: process.env.AUTH_SECRET ?? process.env.NEXTAUTH_SECRET,
  session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS, updateAge: 15 * 60 },
  jwt: { maxAge: SESSION_MAX_AGE_SECONDS },
  pages: { signIn: "/login", error: "/login" },
  providers: [
    CredentialsProvider({
      name: "账号密码",
      credentials: {
        username: { label: "用户名", type: "text" },
        password: { label: "密码", type: "password" },
      },
      async authorize(credentials, req) {
        const username = typeof credentials?.username === "string" ? credentials.username : "";
        const password = typeof credentials?.password === "string" ? credentials.password : "";
        if (!username || !password || password.length > 128) throw new Error("INVALID_CREDENTIALS");
        const outcome = await verifyCredentials(await getDb(), {
          username,
          password,
          clientAddress: clientAddressFrom(req?.headers),
        });
        // The code travels to the login form, which shows its Chinese message.
        if (!outcome.ok) throw new Error(outcome.reason);
        const { user } = outcome;
        return {
          id: user.id,
          name: user.displayName,
          role: user.role,
          regionScope: user.regionScope,
          departmentCode: user.departmentCode,
        };
      },
    }),
  ],
  callbacks: {
    async jwt({ token, user }) {
      if (user) {
        token.uid = user.id;
        token.role = user.role;
        token.regionScope = user.regionScope;
        token.departmentCode = user.departmentCode;
      }
      return token;
    },
    async session({ session, token }) {
      if (token.uid && token.role && token.regionScope !== undefined) {
        session.user = {
          ...session.user,
          id: token.uid,
          role: token.role,
          regionScope: token.regionScope,
          departmentCode: token.departmentCode ?? null,
        };
      }
      return session;
    },
  },
};

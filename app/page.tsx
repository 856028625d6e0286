import { redirect } from "next/navigation";
import { getSession } from "@/lib/auth/session";

export default async function Home() {
  const session = await getSession();
  redirect(session?.user.role === "technician" ? "/tech" : "/schedules");
}

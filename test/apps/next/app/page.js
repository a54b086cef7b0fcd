"use client";
import { useEffect } from "react";
import { getEncoding } from "bytepair";
import { reportInPage } from "../shared/tokenize.js";

export default function Page() {
  useEffect(() => {
    reportInPage(getEncoding);
  }, []);
  return <p>bytepair in a Next.js page</p>;
}

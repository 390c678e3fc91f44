import { describe, expect, it } from "vitest";
import { documentsAbout, type AnswerDocument } from "../../../src/core/answering/document-scope.js";

const document = (source: string, place: string | undefined, subjectPlaces: readonly string[], years: readonly string[] = []): AnswerDocument => ({
  source,
  ...(place ? { place } : {}),
  subjectPlaces,
  parentPlaces: [],
  containsYear: (year) => years.includes(year),
});

const jiangjin = document("jiangjin.txt", "江津区", ["江津区", "江津"], ["2021", "2026"]);
const yongchuan = document("yongchuan.txt", "永川区", ["永川区", "永川"], ["2022", "2027"]);
// No sidecar: its places are only guessed from its title (the short form 江津).
const supplement = document("supplement.txt", undefined, ["江津"]);

describe("the documents a question is about", () => {
  it("are the ones whose subject it names, else all", () => {
    expect(documentsAbout({ places: ["永川区"], years: [] }, [jiangjin, yongchuan])).toEqual([yongchuan]);
    expect(documentsAbout({ places: [], years: [] }, [jiangjin, yongchuan])).toEqual([jiangjin, yongchuan]);
  });

  it("keep a document whose subject no sidecar states: a named place may be what it is about too", () => {
    expect(documentsAbout({ places: ["江津区"], years: [] }, [jiangjin, yongchuan, supplement])).toEqual([jiangjin, supplement]);
  });

  it("narrow by the years named, to the documents holding them", () => {
    expect(documentsAbout({ places: [], years: ["2027"] }, [jiangjin, yongchuan])).toEqual([yongchuan]);
    expect(documentsAbout({ places: [], years: ["2026", "2027"] }, [jiangjin, yongchuan])).toEqual([jiangjin, yongchuan]);
  });
});

// The member who is signed in. In the real portal the qualification record
// comes from the qualification system after sign-in (マイナンバーカード); the
// demo uses a sample member.

/** The member's qualification record (`prefill` takes what each form shows). */
export const MEMBER_RECORD = {
  insurer_number: "01130012",
  branch: "東京",
  symbol: "12345678",
  number: "1",
  branch_no: "00",
  name_kanji: "協会 太郎",
  name_kana: "キョウカイ タロウ",
  sex: "male",
  birth_date: "1989-05-10",
};

//! A CSV record formatter for the flat row structs of the large reports
//! (segments.csv, checks.csv): the bytes the csv crate's default writer gives
//! — comma-separated, a field quoted only when it holds `,` `"` `\r` or `\n`,
//! quotes doubled, `\n` after each record, integers by itoa and floats by ryu
//! as the csv crate formats them — without its byte-at-a-time state machine
//! and buffer hand-offs. On a 1M-segment scan the csv crate's field writer and
//! serializer were about 12% of the run's cycles.
//!
//! Only what the report rows use is supported: structs of strings, integers,
//! floats, booleans and options of those. Anything else is an error, never
//! silently different output; `tests` compare the bytes with the csv crate's.

use std::fmt;

use serde::ser::{self, Impossible, Serialize, SerializeStruct, Serializer};

/// A row the formatter cannot write (a nested sequence, a map, …).
#[derive(Debug)]
pub struct Unsupported(String);

impl fmt::Display for Unsupported {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "cannot write {} as a CSV field", self.0)
    }
}

impl std::error::Error for Unsupported {}

impl ser::Error for Unsupported {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        Unsupported(msg.to_string())
    }
}

/// Appends `row` (a struct, or a tuple of structs whose fields follow one
/// another, as the csv crate writes them) to `out` as one CSV record.
pub fn write<R: Serialize>(row: &R, out: &mut Vec<u8>) -> Result<(), Unsupported> {
    write_cells(row, out, false)
}

/// [`write`]; with `safe` (`lqa scan --csv-safe`), every text cell that a
/// spreadsheet would take for a formula — one starting with `=`, `+`, `-`,
/// `@`, a tab or a carriage return — gets a `'` in front (OWASP's advice on
/// CSV injection). Numbers, booleans and empty cells are never changed.
pub fn write_cells<R: Serialize>(row: &R, out: &mut Vec<u8>, safe: bool) -> Result<(), Unsupported> {
    let mut fields = 0;
    row.serialize(Row { out, fields: &mut fields, end_record: true, safe })
}

/// Whether a text cell would start a spreadsheet formula (OWASP's list).
pub fn formula_like(bytes: &[u8]) -> bool {
    matches!(bytes.first(), Some(b'=' | b'+' | b'-' | b'@' | b'\t' | b'\r'))
}

/// Appends one field, quoted when it must be; with `safe`, a formula-like one defused by a `'`.
fn field(out: &mut Vec<u8>, bytes: &[u8], safe: bool) {
    let prefix = safe && formula_like(bytes);
    if !needs_quotes(bytes) {
        if prefix {
            out.push(b'\'');
        }
        out.extend_from_slice(bytes);
        return;
    }
    out.reserve(bytes.len() + 3);
    out.push(b'"');
    if prefix {
        out.push(b'\'');
    }
    let mut rest = bytes;
    while let Some(i) = memchr::memchr(b'"', rest) {
        out.extend_from_slice(&rest[..=i]);
        out.push(b'"');
        rest = &rest[i + 1..];
    }
    out.extend_from_slice(rest);
    out.push(b'"');
}

/// Whether a field holds a byte that the csv crate quotes for: the delimiter,
/// the quote, or either line terminator byte (two SIMD scans; `\r` is rare).
fn needs_quotes(bytes: &[u8]) -> bool {
    memchr::memchr3(b',', b'"', b'\n', bytes).is_some() || memchr::memchr(b'\r', bytes).is_some()
}

/// The serializer methods for what a CSV field can never hold.
macro_rules! refuse_compound {
    () => {
        fn serialize_bytes(self, _: &[u8]) -> Result<(), Unsupported> {
            Err(Unsupported("bytes".into()))
        }
        fn serialize_unit_struct(self, name: &'static str) -> Result<(), Unsupported> {
            Err(Unsupported(name.into()))
        }
        fn serialize_newtype_variant<T: ?Sized + Serialize>(
            self,
            name: &'static str,
            _: u32,
            _: &'static str,
            _: &T,
        ) -> Result<(), Unsupported> {
            Err(Unsupported(name.into()))
        }
        fn serialize_seq(self, _: Option<usize>) -> Result<Self::SerializeSeq, Unsupported> {
            Err(Unsupported("a sequence".into()))
        }
        fn serialize_tuple_struct(
            self,
            name: &'static str,
            _: usize,
        ) -> Result<Self::SerializeTupleStruct, Unsupported> {
            Err(Unsupported(name.into()))
        }
        fn serialize_tuple_variant(
            self,
            name: &'static str,
            _: u32,
            _: &'static str,
            _: usize,
        ) -> Result<Self::SerializeTupleVariant, Unsupported> {
            Err(Unsupported(name.into()))
        }
        fn serialize_map(self, _: Option<usize>) -> Result<Self::SerializeMap, Unsupported> {
            Err(Unsupported("a map".into()))
        }
        fn serialize_struct_variant(
            self,
            name: &'static str,
            _: u32,
            _: &'static str,
            _: usize,
        ) -> Result<Self::SerializeStructVariant, Unsupported> {
            Err(Unsupported(name.into()))
        }
    };
}

/// The methods for a scalar where a row (a struct) is expected.
macro_rules! refuse_scalars {
    ($($method:ident($($ty:ty),*);)*) => {
        $(fn $method(self, $(_: $ty),*) -> Result<(), Unsupported> {
            Err(Unsupported(format!("a scalar ({}) as a row", stringify!($method))))
        })*
    };
}

/// A record, or (`end_record: false`) one struct of a tuple record.
struct Row<'a> {
    out: &'a mut Vec<u8>,
    /// Fields written so far in the record.
    fields: &'a mut usize,
    end_record: bool,
    /// Defuse formula-like text cells ([`write_cells`]).
    safe: bool,
}

/// A record made of a tuple of structs.
struct Tuple<'a> {
    out: &'a mut Vec<u8>,
    fields: &'a mut usize,
    safe: bool,
}

impl ser::SerializeTuple for Tuple<'_> {
    type Ok = ();
    type Error = Unsupported;

    fn serialize_element<T: ?Sized + Serialize>(&mut self, value: &T) -> Result<(), Unsupported> {
        value.serialize(Row { out: self.out, fields: self.fields, end_record: false, safe: self.safe })
    }

    fn end(self) -> Result<(), Unsupported> {
        self.out.push(b'\n');
        Ok(())
    }
}

impl<'a> Serializer for Row<'a> {
    type Ok = ();
    type Error = Unsupported;
    type SerializeSeq = Impossible<(), Unsupported>;
    type SerializeTuple = Tuple<'a>;
    type SerializeTupleStruct = Impossible<(), Unsupported>;
    type SerializeTupleVariant = Impossible<(), Unsupported>;
    type SerializeMap = Impossible<(), Unsupported>;
    type SerializeStruct = Self;
    type SerializeStructVariant = Impossible<(), Unsupported>;

    fn serialize_struct(self, _name: &'static str, _len: usize) -> Result<Self, Unsupported> {
        Ok(self)
    }

    fn serialize_tuple(self, _len: usize) -> Result<Tuple<'a>, Unsupported> {
        if !self.end_record {
            return Err(Unsupported("a tuple inside a tuple".into()));
        }
        Ok(Tuple { out: self.out, fields: self.fields, safe: self.safe })
    }

    refuse_scalars! {
        serialize_bool(bool); serialize_i8(i8); serialize_i16(i16); serialize_i32(i32); serialize_i64(i64);
        serialize_u8(u8); serialize_u16(u16); serialize_u32(u32); serialize_u64(u64);
        serialize_f32(f32); serialize_f64(f64); serialize_char(char); serialize_str(&str);
        serialize_none(); serialize_unit(); serialize_unit_variant(&'static str, u32, &'static str);
    }
    fn serialize_some<T: ?Sized + Serialize>(self, _: &T) -> Result<(), Unsupported> {
        Err(Unsupported("an option as a row".into()))
    }
    fn serialize_newtype_struct<T: ?Sized + Serialize>(self, _: &'static str, value: &T) -> Result<(), Unsupported> {
        value.serialize(self)
    }
    refuse_compound!();
}

impl SerializeStruct for Row<'_> {
    type Ok = ();
    type Error = Unsupported;

    fn serialize_field<T: ?Sized + Serialize>(&mut self, _key: &'static str, value: &T) -> Result<(), Unsupported> {
        if *self.fields > 0 {
            self.out.push(b',');
        }
        *self.fields += 1;
        value.serialize(Field { out: self.out, safe: self.safe })
    }

    fn end(self) -> Result<(), Unsupported> {
        if self.end_record {
            self.out.push(b'\n');
        }
        Ok(())
    }
}

struct Field<'a> {
    out: &'a mut Vec<u8>,
    safe: bool,
}

impl Field<'_> {
    fn int(self, v: impl itoa::Integer) -> Result<(), Unsupported> {
        self.out.extend_from_slice(itoa::Buffer::new().format(v).as_bytes());
        Ok(())
    }
}

impl<'a> Serializer for Field<'a> {
    type Ok = ();
    type Error = Unsupported;
    type SerializeSeq = Impossible<(), Unsupported>;
    type SerializeTuple = Impossible<(), Unsupported>;
    type SerializeTupleStruct = Impossible<(), Unsupported>;
    type SerializeTupleVariant = Impossible<(), Unsupported>;
    type SerializeMap = Impossible<(), Unsupported>;
    type SerializeStruct = Impossible<(), Unsupported>;
    type SerializeStructVariant = Impossible<(), Unsupported>;

    fn serialize_bool(self, v: bool) -> Result<(), Unsupported> {
        self.out.extend_from_slice(if v { b"true" } else { b"false" });
        Ok(())
    }
    fn serialize_i8(self, v: i8) -> Result<(), Unsupported> {
        self.int(v)
    }
    fn serialize_i16(self, v: i16) -> Result<(), Unsupported> {
        self.int(v)
    }
    fn serialize_i32(self, v: i32) -> Result<(), Unsupported> {
        self.int(v)
    }
    fn serialize_i64(self, v: i64) -> Result<(), Unsupported> {
        self.int(v)
    }
    fn serialize_u8(self, v: u8) -> Result<(), Unsupported> {
        self.int(v)
    }
    fn serialize_u16(self, v: u16) -> Result<(), Unsupported> {
        self.int(v)
    }
    fn serialize_u32(self, v: u32) -> Result<(), Unsupported> {
        self.int(v)
    }
    fn serialize_u64(self, v: u64) -> Result<(), Unsupported> {
        self.int(v)
    }
    fn serialize_f32(self, v: f32) -> Result<(), Unsupported> {
        self.out.extend_from_slice(ryu::Buffer::new().format(v).as_bytes());
        Ok(())
    }
    fn serialize_f64(self, v: f64) -> Result<(), Unsupported> {
        self.out.extend_from_slice(ryu::Buffer::new().format(v).as_bytes());
        Ok(())
    }
    fn serialize_char(self, v: char) -> Result<(), Unsupported> {
        field(self.out, v.encode_utf8(&mut [0; 4]).as_bytes(), self.safe);
        Ok(())
    }
    fn serialize_str(self, v: &str) -> Result<(), Unsupported> {
        field(self.out, v.as_bytes(), self.safe);
        Ok(())
    }
    fn serialize_none(self) -> Result<(), Unsupported> {
        Ok(())
    }
    fn serialize_some<T: ?Sized + Serialize>(self, value: &T) -> Result<(), Unsupported> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<(), Unsupported> {
        Ok(())
    }
    fn serialize_unit_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
    ) -> Result<(), Unsupported> {
        self.serialize_str(variant)
    }
    fn serialize_newtype_struct<T: ?Sized + Serialize>(
        self,
        _name: &'static str,
        value: &T,
    ) -> Result<(), Unsupported> {
        value.serialize(self)
    }

    fn serialize_struct(self, name: &'static str, _: usize) -> Result<Self::SerializeStruct, Unsupported> {
        Err(Unsupported(format!("a nested struct {name}")))
    }
    fn serialize_tuple(self, _: usize) -> Result<Self::SerializeTuple, Unsupported> {
        Err(Unsupported("a tuple".into()))
    }
    refuse_compound!();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(serde::Serialize)]
    struct Sample<'a> {
        text: &'a str,
        count: u64,
        signed: i64,
        share: f64,
        score: Option<f64>,
        pass: bool,
        letter: char,
    }

    fn csv_crate(row: &Sample) -> Vec<u8> {
        let mut writer = ::csv::WriterBuilder::new().has_headers(false).from_writer(Vec::new());
        writer.serialize(row).unwrap();
        writer.into_inner().unwrap()
    }

    #[test]
    fn bytes_equal_the_csv_crates() {
        let texts = [
            "",
            "plain",
            "a,b",
            "say \"hi\"",
            "\"",
            "line\nbreak",
            "cr\ronly",
            "crlf\r\n",
            "tab\tand ; semicolon",
            " leading and trailing ",
            "Выберите «Клиенты», затем \"Обновить\"",
            "选择客户。",
            "#comment-like",
            "a very long field without anything special that crosses the 32-byte chunk boundary twice over",
            "a very long field without anything special that crosses the 32-byte chunk boundary, then a comma",
        ];
        let floats =
            [0.0, -0.0, 1.0, 0.1, 100.0, 99.99999999999999, 1e21, 1.5e-7, f64::NAN, f64::INFINITY, f64::MIN_POSITIVE];
        for (i, text) in texts.iter().enumerate() {
            for (j, share) in floats.iter().enumerate() {
                let row = Sample {
                    text,
                    count: (i * 1_000_003) as u64 * j as u64,
                    signed: -(i as i64) * 77,
                    share: *share,
                    score: (j % 2 == 0).then_some(share / 3.0),
                    pass: i % 2 == 0,
                    letter: text.chars().next().unwrap_or(','),
                };
                let mut ours = Vec::new();
                write(&row, &mut ours).unwrap();
                assert_eq!(
                    String::from_utf8_lossy(&ours),
                    String::from_utf8_lossy(&csv_crate(&row)),
                    "{text:?} {share}"
                );
            }
        }
    }

    #[test]
    fn a_tuple_of_structs_is_one_record() {
        #[derive(serde::Serialize)]
        struct Tail {
            pass: bool,
            score: Option<f64>,
        }
        let row = (
            Sample { text: "a,b", count: 3, signed: -1, share: 0.5, score: None, pass: true, letter: 'x' },
            Tail { pass: false, score: Some(99.5) },
        );
        let mut ours = Vec::new();
        write(&row, &mut ours).unwrap();
        let mut writer = ::csv::WriterBuilder::new().has_headers(false).from_writer(Vec::new());
        writer.serialize(&row).unwrap();
        assert_eq!(ours, writer.into_inner().unwrap());
        assert_eq!(ours, b"\"a,b\",3,-1,0.5,,true,x,false,99.5\n");
    }

    #[test]
    fn safe_cells_defuse_formulas_in_text_only() {
        #[derive(serde::Serialize)]
        struct Cells<'a> {
            text: &'a str,
            signed: i64,
            share: f64,
        }
        let cases = [
            ("=1+1", "'=1+1"),
            ("+1", "'+1"),
            ("-x", "'-x"),
            ("@SUM(1)", "'@SUM(1)"),
            ("\tx", "'\tx"),
            ("\rx", "\"'\rx\""),
            ("=HYPERLINK(\"http://x\",\"y\")", "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\""),
            ("a=b", "a=b"),
            ("", ""),
            ("'=already", "'=already"),
        ];
        for (text, expected) in cases {
            let mut safe = Vec::new();
            write_cells(&Cells { text, signed: -3, share: -0.5 }, &mut safe, true).unwrap();
            assert_eq!(String::from_utf8(safe).unwrap(), format!("{expected},-3,-0.5\n"), "{text:?}");
            let (mut exact, mut plain) = (Vec::new(), Vec::new());
            write_cells(&Cells { text, signed: -3, share: -0.5 }, &mut exact, false).unwrap();
            write(&Cells { text, signed: -3, share: -0.5 }, &mut plain).unwrap();
            assert_eq!(exact, plain);
        }
    }

    #[test]
    fn unsupported_fields_are_errors() {
        #[derive(serde::Serialize)]
        struct Nested {
            list: Vec<u8>,
        }
        assert!(write(&Nested { list: vec![1] }, &mut Vec::new()).is_err());
        assert!(write(&5u8, &mut Vec::new()).is_err());
    }
}

//! What a command line clap refuses says, in the words of kehoach's other errors: "kehoach:
//! lỗi: không có tùy chọn --bogus cho `kehoach overdue`" and hints, not clap's English.

use super::Lang;

strings! {
    enum L;
    UnknownCommand = "không có lệnh \"{}\"", "there is no command \"{}\"";
    UnknownOption = "không có tùy chọn {} cho `{}`", "there is no option {} for `{}`";
    ExtraValue = "`{}` không nhận thêm \"{}\"", "`{}` takes no \"{}\"";
    BadValue = "\"{}\" không phải giá trị hợp lệ của {}", "\"{}\" is not a valid value for {}";
    NeedsValue = "{} cần một giá trị", "{} needs a value";
    ValidValues = "các giá trị hợp lệ: {}", "valid values: {}";
    Missing = "`{}` cần {}", "`{}` needs {}";
    Conflict = "{} không dùng cùng {}", "{} cannot be used with {}";
    ValueCount = "số giá trị của {} không đúng", "wrong number of values for {}";
    NoEquals = "{} cần giá trị sau dấu =", "{} needs its value after =";
    DidYouMean = "có phải ý bạn là {}?", "did you mean {}?";
    SeeHelp = "`{} --help` liệt kê các tùy chọn, có ví dụ", "`{} --help` lists the options, with examples";
}

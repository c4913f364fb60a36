//! A QR code read from a saved picture (a screenshot or a photo of the other screen).
//! The picture is size-checked before it is decoded: its bytes first, then its width and
//! height from the header alone; only PNG and JPEG are read, known by their first bytes.
//! Image decoders can panic on hostile input, so decoding and reading the code are each
//! caught and turned into the same plain message.

use std::io::Cursor;
use std::panic::{catch_unwind, AssertUnwindSafe};

use image::{ImageFormat, ImageReader, Limits};

use crate::{Error, Result};

/// The largest picture read: a full-resolution phone photo is 3–8 MB.
pub const MAX_PICTURE_BYTES: usize = 16 * 1024 * 1024;
/// The widest or tallest picture read, in pixels (a 24-megapixel photo is 6000 wide).
pub const MAX_PICTURE_SIDE: u32 = 6000;
/// Memory the decoder may use: a 6000 × 6000 RGBA picture is 137 MiB.
const MAX_ALLOC: u64 = 160 * 1024 * 1024;

const NOT_READ: &str = "No Tend code could be read in that picture. A PNG or JPEG picture \
                        of the whole code, sharp and straight on, reads best.";

fn limits() -> Limits {
    let mut limits = Limits::default();
    limits.max_image_width = Some(MAX_PICTURE_SIDE);
    limits.max_image_height = Some(MAX_PICTURE_SIDE);
    limits.max_alloc = Some(MAX_ALLOC);
    limits
}

fn reader(bytes: &[u8], format: ImageFormat) -> ImageReader<Cursor<&[u8]>> {
    let mut reader = ImageReader::with_format(Cursor::new(bytes), format);
    reader.limits(limits());
    reader
}

/// What a picture over [`MAX_PICTURE_BYTES`] gets, wherever its size is first known.
pub fn picture_too_large() -> Error {
    Error::invalid(format!(
        "That picture is larger than {} MB. A screenshot of the code is enough.",
        MAX_PICTURE_BYTES >> 20
    ))
}

/// The text of the first QR code found in a PNG or JPEG picture.
pub fn read_picture(bytes: &[u8]) -> Result<String> {
    if bytes.len() > MAX_PICTURE_BYTES {
        return Err(picture_too_large());
    }
    let format = match image::guess_format(bytes) {
        Ok(f @ (ImageFormat::Png | ImageFormat::Jpeg)) => f,
        _ => return Err(Error::invalid("Only PNG and JPEG pictures can be read.")),
    };
    // The header alone, checked against the limits before anything is decoded.
    reader(bytes, format).into_dimensions().map_err(|_| {
        Error::invalid(format!(
            "That picture could not be read, or is larger than {MAX_PICTURE_SIDE} pixels \
             on a side. A screenshot of the code is enough."
        ))
    })?;
    let decoded = catch_unwind(AssertUnwindSafe(|| reader(bytes, format).decode()));
    let Ok(Ok(image)) = decoded else {
        return Err(Error::invalid(NOT_READ));
    };
    let grey = image.into_luma_alpha8();
    let found = catch_unwind(AssertUnwindSafe(|| {
        let mut prepared = rqrr::PreparedImage::prepare_from_greyscale(
            grey.width() as usize,
            grey.height() as usize,
            |x, y| {
                // Transparent parts read as white paper.
                let [l, a] = grey.get_pixel(x as u32, y as u32).0;
                255 - ((255 - u16::from(l)) * u16::from(a) / 255) as u8
            },
        );
        prepared
            .detect_grids()
            .into_iter()
            .find_map(|grid| grid.decode().ok().map(|(_, text)| text))
    }));
    match found {
        Ok(Some(text)) => Ok(text),
        _ => Err(Error::invalid(NOT_READ)),
    }
}

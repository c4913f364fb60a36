#!/usr/bin/env python3
"""Times one start of a desktop app under X (used by scripts/startup.sh).

usage: startup-probe.py PID T0_MS
Prints "MAPPED_MS PAINTED_MS" measured from T0_MS (the launch, in ms since the epoch):
  mapped:  the first time a viewable top-level window carries the app's _NET_WM_PID;
  painted: the first time the screen inside that window shows at least 8 colours (a window
           that is only its background colour has one; text brings many).
Polls every 5 ms through libX11 directly, so the measuring itself stays light beside the
app being measured (a screenshot tool per poll took ~160 ms of a core each time). Prints NA
for what did not happen within 20 s.
"""
import ctypes
import ctypes.util
import sys
import time

x11 = ctypes.CDLL(ctypes.util.find_library("X11"))
Display_p, Window, Atom = ctypes.c_void_p, ctypes.c_ulong, ctypes.c_ulong
x11.XOpenDisplay.restype = Display_p
x11.XOpenDisplay.argtypes = [ctypes.c_char_p]
x11.XDefaultRootWindow.restype = Window
x11.XDefaultRootWindow.argtypes = [Display_p]
x11.XInternAtom.restype = Atom
x11.XInternAtom.argtypes = [Display_p, ctypes.c_char_p, ctypes.c_int]
x11.XQueryTree.argtypes = [Display_p, Window, ctypes.POINTER(Window), ctypes.POINTER(Window),
                           ctypes.POINTER(ctypes.POINTER(Window)), ctypes.POINTER(ctypes.c_uint)]
x11.XGetWindowProperty.argtypes = [Display_p, Window, Atom, ctypes.c_long, ctypes.c_long, ctypes.c_int,
                                   Atom, ctypes.POINTER(Atom), ctypes.POINTER(ctypes.c_int),
                                   ctypes.POINTER(ctypes.c_ulong), ctypes.POINTER(ctypes.c_ulong),
                                   ctypes.POINTER(ctypes.c_void_p)]
x11.XFree.argtypes = [ctypes.c_void_p]
x11.XGetImage.restype = ctypes.c_void_p
x11.XGetImage.argtypes = [Display_p, Window, ctypes.c_int, ctypes.c_int, ctypes.c_uint, ctypes.c_uint,
                          ctypes.c_ulong, ctypes.c_int]
x11.XGetGeometry.argtypes = [Display_p, Window, ctypes.POINTER(Window), ctypes.POINTER(ctypes.c_int),
                             ctypes.POINTER(ctypes.c_int), ctypes.POINTER(ctypes.c_uint),
                             ctypes.POINTER(ctypes.c_uint), ctypes.POINTER(ctypes.c_uint),
                             ctypes.POINTER(ctypes.c_uint)]


class XWindowAttributes(ctypes.Structure):
    _fields_ = [("x", ctypes.c_int), ("y", ctypes.c_int), ("width", ctypes.c_int), ("height", ctypes.c_int),
                ("border_width", ctypes.c_int), ("depth", ctypes.c_int), ("visual", ctypes.c_void_p),
                ("root", Window), ("c_class", ctypes.c_int), ("bit_gravity", ctypes.c_int),
                ("win_gravity", ctypes.c_int), ("backing_store", ctypes.c_int),
                ("backing_planes", ctypes.c_ulong), ("backing_pixel", ctypes.c_ulong),
                ("save_under", ctypes.c_int), ("colormap", ctypes.c_ulong),
                ("map_installed", ctypes.c_int), ("map_state", ctypes.c_int),
                ("all_event_masks", ctypes.c_long), ("your_event_mask", ctypes.c_long),
                ("do_not_propagate_mask", ctypes.c_long), ("override_redirect", ctypes.c_int),
                ("screen", ctypes.c_void_p)]


x11.XGetWindowAttributes.argtypes = [Display_p, Window, ctypes.POINTER(XWindowAttributes)]
IS_VIEWABLE, Z_PIXMAP, ALL_PLANES = 2, 2, ctypes.c_ulong(-1).value


def window_of(display, root, net_wm_pid, pid):
    """A viewable top-level window of `pid`, as (x, y, width, height), or None."""
    parent, root_out = Window(), Window()
    children, count = ctypes.POINTER(Window)(), ctypes.c_uint()
    if not x11.XQueryTree(display, root, ctypes.byref(root_out), ctypes.byref(parent),
                          ctypes.byref(children), ctypes.byref(count)):
        return None
    found = None
    for i in range(count.value):
        win = children[i]
        attrs = XWindowAttributes()
        if not x11.XGetWindowAttributes(display, win, ctypes.byref(attrs)) or attrs.map_state != IS_VIEWABLE:
            continue
        kind, fmt, n, after, data = Atom(), ctypes.c_int(), ctypes.c_ulong(), ctypes.c_ulong(), ctypes.c_void_p()
        status = x11.XGetWindowProperty(display, win, net_wm_pid, 0, 1, 0, 0, ctypes.byref(kind), ctypes.byref(fmt),
                                        ctypes.byref(n), ctypes.byref(after), ctypes.byref(data))
        if status == 0 and data.value:
            owner = ctypes.cast(data, ctypes.POINTER(ctypes.c_ulong))[0] if n.value else None
            x11.XFree(data)
            if owner == pid and attrs.width > 1 and attrs.height > 1:
                found = (attrs.x, attrs.y, attrs.width, attrs.height)
                break
    if children:
        x11.XFree(children)
    return found


def colours(display, root, box):
    """How many colours the screen shows inside `box` (every third pixel of every row)."""
    x, y, width, height = box
    image = x11.XGetImage(display, root, x, y, width, height, ALL_PLANES, Z_PIXMAP)
    if not image:
        return 0
    data = ctypes.cast(image + 16, ctypes.POINTER(ctypes.c_void_p))[0]  # XImage.data
    bytes_per_line = ctypes.cast(image + 44, ctypes.POINTER(ctypes.c_int))[0]
    raw = ctypes.string_at(data, bytes_per_line * height)
    pixels = memoryview(raw).cast("I")
    found = len(set(pixels[::3]))
    x11.XFree(data)
    x11.XFree(image)
    return found


def main():
    pid, t0 = int(sys.argv[1]), int(sys.argv[2])
    display = x11.XOpenDisplay(None)
    if not display:
        sys.exit("startup-probe: no X display")
    root = x11.XDefaultRootWindow(display)
    net_wm_pid = x11.XInternAtom(display, b"_NET_WM_PID", 0)
    mapped = painted = None
    box = None
    deadline = time.time() + 20
    while time.time() < deadline and painted is None:
        now = lambda: int(time.time() * 1000) - t0
        if box is None:
            box = window_of(display, root, net_wm_pid, pid)
            if box is not None:
                mapped = now()
        if box is not None and colours(display, root, box) >= 8:
            painted = now()
        time.sleep(0.005)
    print(mapped if mapped is not None else "NA", painted if painted is not None else "NA")


if __name__ == "__main__":
    main()

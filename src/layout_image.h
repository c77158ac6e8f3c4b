/* The logo's proportions, read from its PNG or JPEG header so the cover
 * draws it undistorted (the back end decodes the image itself). */
#ifndef QREPORT_LAYOUT_IMAGE_H
#define QREPORT_LAYOUT_IMAGE_H

/* Width over height; 1 when the file cannot be read or is not PNG/JPEG. */
double image_aspect(const char *path);

#endif

#ifndef CZIM_H
#define CZIM_H
#endif

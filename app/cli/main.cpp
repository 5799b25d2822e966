#include "commands.h"

#include <iostream>

int main(int argc, char *argv[])
{
    std::ios::sync_with_stdio(false);
    std::vector<std::string> args(argv, argv + argc);
    stratus::cli::Io io{std::cout, std::cerr};
    const int code = stratus::cli::runCli(args, io);
    std::cout.flush();
    return code;
}
